using System.Text;

namespace Hub.Grpc.Protocol;

/// <summary>Percent-encoding of grpc-message: UTF-8 bytes outside printable ASCII, and '%' itself, become %XX.</summary>
internal static class GrpcMessageText
{
    public static string Encode(string message)
    {
        if (NeedsNoEncoding(message))
        {
            return message;
        }

        var builder = new StringBuilder(message.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes leniently: a malformed escape stays as it was, because a status must never fail to read.</summary>
    public static string Decode(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || !encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded ?? string.Empty;
        }

        var bytes = new List<byte>(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                bytes.Add(Convert.ToByte(encoded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool NeedsNoEncoding(string message)
    {
        foreach (var c in message)
        {
            if (c is < (char)0x20 or > (char)0x7E or '%')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
