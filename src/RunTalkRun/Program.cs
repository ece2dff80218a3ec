using RunTalkRun.Data;
using RunTalkRun.Features.Accounts;
using RunTalkRun.Features.Calendars;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Help;
using RunTalkRun.Features.Hq;
using RunTalkRun.Features.Jobs;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
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
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddMail(builder.Configuration);
builder.Services.AddPlaces();
builder.Services.AddRuns(builder.Configuration);
builder.Services.AddLeading();
builder.Services.AddTalk(builder.Configuration);
builder.Services.AddSafety();
builder.Services.AddPrivacy(builder.Configuration);
builder.Services.AddHq();

var app = builder.Build();

await app.MigrateAndSeedAsync();
if (args.Contains("--migrate-only")) return; // apply migrations (and the demo seed, where asked) then stop

app.UseWeb();

var api = app.MapGroup("/api/v1");
app.MapAccounts(api);
app.MapGroups(api);
app.MapPlaces(api);
app.MapRuns(api);
app.MapLeading(api);
app.MapCalendars();
app.MapTalk(api);
app.MapSafety(api);
app.MapPrivacy(api);
app.MapHq(api);
app.MapHelp(api);
app.MapRazorPages();
app.MapHealthChecks("/healthz");
app.MapGet("/livez", () => "ok").ExcludeFromDescription(); // liveness for load balancers: no database, no work
app.MapOpenApi();

app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
