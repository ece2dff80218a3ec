using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Privacy;

/// <summary>"Download my data": everything held about the member, and nothing about anyone else.</summary>
public class DataExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_member_downloads_everything_held_about_them_as_a_json_file()
    {
        var m = await app.FullMemberAsync();
        var browser = await app.SignedInAsync(m.Email);
        var page = await browser.GetPageAsync("/account/data");
        Assert.NotNull(page.QuerySelector("#download-form button"));
        var file = await browser.PostFormAsync("/account/data", new Dictionary<string, string>(), "#download-form");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/json", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("run-talk-run-data-", file.Content.Headers.ContentDisposition.FileNameStar ?? file.Content.Headers.ContentDisposition.FileName);
        var text = await file.Content.ReadAsStringAsync();
        var data = JsonDocument.Parse(text).RootElement;

        var account = data.GetProperty("account");
        Assert.Equal(m.Email, account.GetProperty("email").GetString());
        Assert.Equal(m.Nickname, account.GetProperty("nickname").GetString());
        Assert.Equal(m.ContactName, account.GetProperty("emergencyContact").GetProperty("name").GetString());
        Assert.Equal(m.ContactPhone, account.GetProperty("emergencyContact").GetProperty("phone").GetString());
        Assert.Equal(2, data.GetProperty("consents").GetArrayLength());
        Assert.Contains(data.GetProperty("groups").EnumerateArray(), g => g.GetProperty("slug").GetString() == "peterborough");
        var rsvps = data.GetProperty("rsvps").EnumerateArray().Select(r => r.GetProperty("runId").GetInt32()).ToList();
        Assert.Contains(m.UpcomingRunId, rsvps);
        Assert.Contains(m.PastRunId, rsvps);
        Assert.Contains(data.GetProperty("registerEntries").EnumerateArray(), e => e.GetProperty("runId").GetInt32() == m.PastRunId && e.GetProperty("present").GetBoolean());
        Assert.Contains(data.GetProperty("messages").EnumerateArray(), x => x.GetProperty("text").GetString() == m.MessageText);
        Assert.Contains(data.GetProperty("reportsYouMade").EnumerateArray(), x => x.GetProperty("reason").GetString() == m.ReportReason);
        Assert.Contains(data.GetProperty("applications").EnumerateArray(), x => x.GetProperty("motivation").GetString() == m.ApplicationText);
        Assert.Contains(data.GetProperty("training").EnumerateArray(), x => x.GetProperty("course").GetString() == "First aid");
        // Someone else's words in the same room are theirs, not this member's.
        Assert.DoesNotContain("Hello from the other one", text);

        // The API gives the same, to the member alone.
        var api = await (await app.ApiClientAsync(m.Email)).GetFromJsonAsync<JsonElement>("/api/v1/me/data");
        Assert.Equal(m.Email, api.GetProperty("account").GetProperty("email").GetString());
        var someoneElse = await (await app.ApiClientAsync(await app.NewMemberAsync("Someone"))).GetStringAsync("/api/v1/me/data");
        Assert.DoesNotContain(m.Email, someoneElse);
        Assert.DoesNotContain(m.MessageText, someoneElse);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/me/data")).StatusCode);
        Assert.Contains("/account/sign-in", (await app.Browser().GetAsync("/account/data")).Headers.Location!.OriginalString);
    }
}
