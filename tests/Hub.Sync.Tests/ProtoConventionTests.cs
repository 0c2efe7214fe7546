using Google.Protobuf.Reflection;

namespace Hub.Sync.Tests;

/// <summary>The wire-contract rules of DESIGN.md, checked on every area's descriptors.</summary>
public sealed class ProtoConventionTests
{
    public static TheoryData<string> Areas => ["catalogue", "dossiers", "payments", "digitisation"];

    private static FileDescriptor File(string area) => area switch
    {
        "catalogue" => Hub.Catalogue.V1.CatalogueReflection.Descriptor,
        "dossiers" => Hub.Dossiers.V1.DossiersReflection.Descriptor,
        "payments" => Hub.Payments.V1.PaymentsReflection.Descriptor,
        _ => Hub.Digitisation.V1.DigitisationReflection.Descriptor,
    };

    [Theory]
    [MemberData(nameof(Areas))]
    public void The_package_is_hub_area_v1(string area) => Assert.Equal($"hub.{area}.v1", File(area).Package);

    [Theory]
    [MemberData(nameof(Areas))]
    public void Every_enum_starts_with_UNSPECIFIED_as_zero(string area)
    {
        var enums = File(area).EnumTypes.Concat(File(area).MessageTypes.SelectMany(m => m.EnumTypes));
        Assert.All(enums, e =>
        {
            Assert.Equal(0, e.Values[0].Number);
            Assert.EndsWith("_UNSPECIFIED", e.Values[0].Name, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void The_service_has_a_batch_upsert_a_bidirectional_stream_a_get_and_a_paged_list(string area)
    {
        var service = Assert.Single(File(area).Services);
        var upsert = Assert.Single(service.Methods, m => m.Name.StartsWith("Upsert", StringComparison.Ordinal) && m.Name != "UpsertFeedback"
            && m.Name != "UpsertPeriodTotals" && m.Name != "UpsertStatementLines");
        var stream = Assert.Single(service.Methods, m => m.Name.StartsWith("Stream", StringComparison.Ordinal));
        Assert.True(stream.IsClientStreaming && stream.IsServerStreaming);
        Assert.Equal(upsert.InputType, stream.InputType);
        Assert.Single(service.Methods, m => m.Name.StartsWith("Get", StringComparison.Ordinal));
        var list = Assert.Single(service.Methods, m => m.Name.StartsWith("List", StringComparison.Ordinal));
        Assert.NotNull(list.InputType.FindFieldByName("page"));
        Assert.NotNull(list.OutputType.FindFieldByName("next_page_token"));
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void Every_pushed_record_has_a_source_version_and_every_reply_one_result_per_record(string area)
    {
        var upserts = Assert.Single(File(area).Services).Methods.Where(m => m.Name.StartsWith("Upsert", StringComparison.Ordinal));
        Assert.All(upserts, method =>
        {
            var records = Assert.Single(method.InputType.Fields.InDeclarationOrder(), f => f.IsRepeated);
            var version = records.MessageType.FindFieldByName("source_version");
            Assert.NotNull(version);
            Assert.Equal(FieldType.Int64, version.FieldType);
            var results = method.OutputType.FindFieldByName("results");
            Assert.Equal("hub.common.v1.RecordResult", results.MessageType.FullName);
        });
    }

    [Theory]
    [MemberData(nameof(Areas))]
    public void Dates_are_timestamps_and_money_is_whole_dong(string area)
    {
        var fields = File(area).MessageTypes.SelectMany(m => m.Fields.InDeclarationOrder()).ToList();
        Assert.All(fields.Where(f => f.Name.EndsWith("_at", StringComparison.Ordinal) || f.Name is "deadline" or "period_start"),
            f => Assert.Equal("google.protobuf.Timestamp", f.MessageType.FullName));
        Assert.All(fields.Where(f => f.Name == "amount"), f => Assert.Equal("hub.common.v1.Money", f.MessageType.FullName));
    }
}
