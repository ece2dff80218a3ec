using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Calendars;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Help;
using RunTalkRun.Features.Hq;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Places;
using RunTalkRun.Features.Privacy;
using RunTalkRun.Features.Runs;
using RunTalkRun.Features.Safety;
using RunTalkRun.Features.Shared;
using RunTalkRun.Features.Talk;
using RunTalkRun.Features.Time;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSite(builder.Configuration, builder.Environment);
builder.Services.AddTime();
builder.Services.AddAppDb(builder.Configuration);
builder.Services.AddAccounts();
builder.Services.AddWeb(builder.Configuration);
builder.Services.AddTalk(builder.Configuration);
builder.Services.AddSafety();
builder.Services.AddPrivacy(builder.Configuration);
builder.Services.AddHq();

var app = builder.Build();

await app.MigrateAndSeedAsync();
if (args.Contains("--migrate-only")) return; // apply migrations (and the demo seed, where asked) then stop

app.UseWeb();

app.MapAuth();
app.MapGroups();
app.MapPlaces();
app.MapRuns();
app.MapRunManagement();
app.MapRegister();
app.MapMyRuns();
app.MapGroupManagement();
app.MapApplications();
app.MapLeading();
app.MapCalendars();
app.MapTalk();
app.MapSafety();
app.MapPrivacy();
app.MapHq();
app.MapHelp();
app.MapRazorPages();
app.MapHealthChecks("/healthz");
app.MapGet("/livez", () => "ok").ExcludeFromDescription(); // liveness for load balancers: no database, no work
app.MapOpenApi();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
