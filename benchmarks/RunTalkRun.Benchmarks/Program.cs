using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using RunTalkRun.Benchmarks;
using RunTalkRun.Data;
using RunTalkRun.Features.Places;

// dotnet run -c Release --project benchmarks/RunTalkRun.Benchmarks -- generate|near sqlite|postgres [groups] [weeks]
// dotnet run -c Release --project benchmarks/RunTalkRun.Benchmarks -- chat [sqlite|postgres]   (benchmarks/chat.sh: on a copy of the world)
//   sqlite:   RTR_BENCH_SQLITE   (default benchmarks/data/world.db)
//   postgres: RTR_BENCH_POSTGRES (default Host=127.0.0.1;Username=postgres;Password=x;Database=rtr_bench)
if (args is ["chat"]) args = ["chat", "sqlite"];
if (args.Length < 2) { Console.Error.WriteLine("usage: generate|near sqlite|postgres [groups=20000] [weeks=52] | chat [sqlite|postgres]"); return 2; }
var (command, provider) = (args[0], args[1]);
var groups = args.Length > 2 ? int.Parse(args[2]) : 20000;
var weeks = args.Length > 3 ? int.Parse(args[3]) : 52;

var sqlitePath = Environment.GetEnvironmentVariable("RTR_BENCH_SQLITE") ?? Path.GetFullPath("benchmarks/data/world.db");
var postgres = Environment.GetEnvironmentVariable("RTR_BENCH_POSTGRES") ?? "Host=127.0.0.1;Username=postgres;Password=x;Database=rtr_bench";
Func<AppDb> newDb = provider switch
{
    "sqlite" => () => new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite($"Data Source={sqlitePath}").Options),
    "postgres" => () => new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(postgres).Options),
    _ => throw new ArgumentException($"unknown provider {provider}"),
};
if (provider == "sqlite") Directory.CreateDirectory(Path.GetDirectoryName(sqlitePath)!);
var gazetteer = new Gazetteer(new ConfigurationBuilder().Build());

switch (command)
{
    case "generate":
        Console.WriteLine($"Generating {groups} groups with {weeks} weeks of runs on {provider}...");
        await WorldGenerator.GenerateAsync(newDb, gazetteer, groups, weeks);
        break;
    case "near":
        await NearBenchmark.RunAsync(newDb, gazetteer, provider);
        break;
    case "chat":
        return await ChatBenchmark.RunAsync(provider, sqlitePath, postgres, gazetteer);
    default:
        Console.Error.WriteLine($"unknown command {command}");
        return 2;
}
return 0;
