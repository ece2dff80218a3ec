using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Data;
using RunTalkRun.Features.Groups;
using RunTalkRun.Features.Leading;
using RunTalkRun.Features.Mail;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Leading;

/// <summary>What the application tests share: a request body, a filled form, applying, and reading back.</summary>
public static class ApplicationSteps
{
    public static object NewTown(string town, string country = "GB", string? region = null) => new
    {
        kind = "new-group", town, country, region,
        motivation = "Running with others got me through a hard winter.", experience = "I jog three times a week.",
        availability = "Thursday evenings", trainingDone = "Mental Health First Aid, 2025", acceptGuidelines = true, acceptLeadersCode = true,
    };

    public static Dictionary<string, string> Form(string town, string country = "GB", string motivation = "I'd love to give back.") => new()
    {
        ["Input.Kind"] = "new-group", ["Input.Town"] = town, ["Input.Country"] = country,
        ["Input.Motivation"] = motivation, ["Input.Experience"] = "Parkrun most weeks", ["Input.Availability"] = "Saturday mornings",
        ["Input.AcceptGuidelines"] = "true", ["Input.AcceptLeadersCode"] = "true",
    };

    public static async Task<int> ApplyAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/applications", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static Task<LeaderApplication> Reload(AppFactory app, int id) => app.WithDbAsync(db => db.Applications.AsNoTracking().Include(a => a.Group).Include(a => a.Messages).SingleAsync(a => a.Id == id));

    public static Task<List<OutboxMail>> MailsAbout(AppFactory app, int id) => app.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.Key.StartsWith($"application:{id}:")).ToListAsync());
}
