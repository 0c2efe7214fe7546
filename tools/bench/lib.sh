# Shared by the benchmark scripts in this folder: source it, do not run it.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Builds projects (folders under the repository root) in Release, one after the other: the
# machine's few cores are shared, and a failure shows its own log only.
bench_build() { # LOG_FILE PROJECT_FOLDER...
  local log=$1 project; shift
  for project in "$@"; do
    dotnet build -c Release "$bench_root/$project" -v quiet -nologo >"$log" 2>&1 || { cat "$log" >&2; return 1; }
  done
}

# The Release assembly of a project folder; the assembly is named like the folder unless given.
bench_release_dll() { # PROJECT_FOLDER [ASSEMBLY_NAME]
  echo "$bench_root/$1/bin/Release/net10.0/${2:-$(basename "$1")}.dll"
}

# h2load against one gRPC endpoint with a pre-framed request body; extra arguments are passed on
# (e.g. -H 'authorization: Bearer …'). Prints "requests/s p50_us p99_us failed data_bytes seconds".
bench_h2load() { # URL BODY_FILE STREAMS DURATION_S [h2load options...]
  local url=$1 body=$2 streams=$3 duration=$4; shift 4
  local name; name=$(mktemp)
  taskset -c 1 h2load -D "$duration" --warm-up-time=2 -c 1 -m "$streams" -t 1 \
    --data="$body" -H 'content-type: application/grpc' -H 'te: trailers' "$@" \
    --log-file="$name.log" "$url" >"$name.out" 2>&1
  local rps failed data seconds count p50 p99
  rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' "$name.out")
  failed=$(sed -n 's/^requests: .* \([0-9]*\) failed.*/\1/p' "$name.out")
  data=$(sed -n 's/^traffic: .*(\([0-9]*\)) data.*/\1/p' "$name.out")
  seconds=$(sed -n 's/^finished in \([0-9.]*\)\(m\{0,1\}\)s,.*/\1 \2/p' "$name.out" | awk '{ print ($2 == "m") ? $1 / 1000 : $1 }')
  cut -f3 "$name.log" | sort -n >"$name.sorted"
  count=$(wc -l <"$name.sorted")
  p50=$(sed -n "$(( (count * 50 + 99) / 100 ))p" "$name.sorted")
  p99=$(sed -n "$(( (count * 99 + 99) / 100 ))p" "$name.sorted")
  rm -f "$name" "$name.out" "$name.log" "$name.sorted"
  echo "$rps $p50 $p99 $failed $data $seconds"
}

# One line naming the machine, for the record in docs/benchmarks.md.
bench_machine() {
  local cpu mem
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  local load_tool=""
  # Benchmarks that load no HTTP endpoint run without h2load installed.
  command -v h2load >/dev/null && load_tool=", $(h2load --version | head -n 1)"
  echo "$(nproc) CPUs ($cpu), $mem; .NET $(dotnet --version)$load_tool"
}

bench_ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
bench_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "n/a" }'; }
