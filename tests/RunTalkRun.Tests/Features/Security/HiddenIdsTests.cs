using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RunTalkRun.Data;
using RunTalkRun.Tests.Features.Leading;
using RunTalkRun.Tests.Features.Talk;
using RunTalkRun.Tests.Infrastructure;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Applications, rooms and messages have sequential ids. Someone who may not know one exists gets the same
/// answer for it as for an id never used (404, the same problem details or page), so ids can't be probed.
/// </summary>
public class HiddenIdsTests(HiddenIdsTests.Things things) : IClassFixture<HiddenIdsTests.Things>
{
    const int MadeUpId = 987_654;

    /// <summary>A group's room with a message in it, an application, and someone in no group who sent neither.</summary>
    public sealed class Things : IAsyncLifetime
    {
        public AppFactory App { get; } = new();
        public int RoomId, ApplicationId;
        public long MessageId;
        public string MemberId = "";
        public HttpClient OutsiderApi = null!, OutsiderBrowser = null!;

        public async Task InitializeAsync()
        {
            var member = await App.NewMemberAsync("Sam", groupSlug: "peterborough");
            MemberId = await App.MemberIdAsync(member);
            RoomId = await App.GroupRoomAsync("peterborough");
            MessageId = await (await App.ApiClientAsync(member)).SendAsync(RoomId, "See you Thursday");
            var applicant = await App.NewMemberAsync("Robin");
            var created = await (await App.ApiClientAsync(applicant)).PostAsJsonAsync("/api/v1/applications", ApplicationSteps.NewTown("Norwich"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ApplicationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var outsider = await App.NewMemberAsync("Outsider");
            OutsiderApi = await App.ApiClientAsync(outsider);
            OutsiderBrowser = await App.SignedInAsync(outsider);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    public static TheoryData<string, string, string?> ApiRequests() => new()
    {
        { "GET", "/api/v1/applications/{application}", null },
        { "POST", "/api/v1/applications/{application}/answers", """{"text":"An answer"}""" },
        { "GET", "/api/v1/rooms/{room}/messages", null },
        { "POST", "/api/v1/rooms/{room}/messages", """{"text":"Hello"}""" },
        { "POST", "/api/v1/rooms/{room}/read", """{"lastId":1}""" },
        { "PUT", "/api/v1/messages/{message}", """{"text":"Changed"}""" },
        { "DELETE", "/api/v1/messages/{message}", null },
        { "POST", "/api/v1/messages/{message}/reports", """{"reason":"Unkind"}""" },
        { "POST", "/api/v1/messages/{message}/hide", """{"reason":""}""" },
        { "POST", "/api/v1/messages/{message}/keep", """{"reason":""}""" },
        { "POST", "/api/v1/messages/{message}/unhide", null },
        { "PUT", "/api/v1/rooms/{room}/bans/{member}", """{"kind":"muted"}""" },
        { "DELETE", "/api/v1/rooms/{room}/bans/{member}", null },
    };

    [Theory]
    [MemberData(nameof(ApiRequests))]
    public async Task An_api_caller_who_may_not_see_it_gets_the_same_not_found_for_an_existing_id_as_for_a_made_up_one(string method, string path, string? body)
    {
        var existing = await DescribeApiAsync(method, Url(path, real: true), body, Id(path, real: true));
        var madeUp = await DescribeApiAsync(method, Url(path, real: false), body, Id(path, real: false));
        Assert.StartsWith("404 ", madeUp);
        Assert.Equal(madeUp, existing);
    }

    public static TheoryData<string, string, string?> PageRequests() => new()
    {
        { "GET", "/applications/{application}", null },
        { "POST", "/applications/{application}", "Answer" },
        { "GET", "/talk/{room}", null },
        { "POST", "/talk/{room}", "" },
        { "POST", "/talk/{room}", "Delete" },
        { "POST", "/talk/{room}", "Hide" },
        { "GET", "/talk/messages/{message}/edit", null },
        { "POST", "/talk/messages/{message}/edit", "" },
        { "GET", "/talk/messages/{message}/report", null },
        { "POST", "/talk/messages/{message}/report", "" },
        { "GET", "/talk/{room}/members/{member}", null },
        { "POST", "/talk/{room}/members/{member}", "" },
    };

    [Theory]
    [MemberData(nameof(PageRequests))]
    public async Task A_page_visitor_who_may_not_see_it_gets_the_same_not_found_page_for_an_existing_id_as_for_a_made_up_one(string method, string path, string? handler)
    {
        var existing = await DescribePageAsync(method, Url(path, real: true), handler);
        var madeUp = await DescribePageAsync(method, Url(path, real: false), handler);
        Assert.StartsWith("404 ", madeUp);
        Assert.Equal(madeUp, existing);
    }

    [Fact]
    public async Task Hq_admins_still_see_applications_and_room_members_still_get_403_for_someone_elses_message()
    {
        var hq = await things.App.ApiClientAsync(DemoCommunity.HqEmail);
        Assert.Equal(HttpStatusCode.OK, (await hq.GetAsync($"/api/v1/applications/{things.ApplicationId}")).StatusCode);
        var answer = await hq.PostAsJsonAsync($"/api/v1/applications/{things.ApplicationId}/answers", new { text = "HQ answering" });
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var otherMember = await things.App.ApiClientAsync(await things.App.NewMemberAsync("Alex", groupSlug: "peterborough"));
        var edit = await otherMember.PutAsJsonAsync($"/api/v1/messages/{things.MessageId}", new { text = "Not mine" });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        var hide = await otherMember.PostAsJsonAsync($"/api/v1/messages/{things.MessageId}/hide", new { reason = "" });
        Assert.Equal(HttpStatusCode.Forbidden, hide.StatusCode);
    }

    string Id(string path, bool real) =>
        path.Contains("{application}") ? (real ? things.ApplicationId : MadeUpId).ToString()
        : path.Contains("{message}") ? (real ? things.MessageId : 9_876_543_210L).ToString()
        : (real ? things.RoomId : MadeUpId).ToString();

    string Url(string path, bool real) => path
        .Replace("{application}", real ? things.ApplicationId.ToString() : MadeUpId.ToString())
        .Replace("{room}", real ? things.RoomId.ToString() : MadeUpId.ToString())
        .Replace("{message}", real ? things.MessageId.ToString() : "9876543210")
        .Replace("{member}", things.MemberId);

    /// <summary>Status, content type and the problem's members (its traceId aside; the id asked for as "{id}"), as one string to compare.</summary>
    async Task<string> DescribeApiAsync(string method, string url, string? body, string id)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await things.OutsiderApi.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var members = text.Length == 0 ? "" : string.Join(", ", JsonDocument.Parse(text).RootElement.EnumerateObject()
            .Where(p => p.Name != "traceId").Select(p => $"{p.Name}={System.Text.RegularExpressions.Regex.Replace(p.Value.ToString(), $@"\b{id}\b", "{id}")}"));
        return $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {members}";
    }

    /// <summary>Status and the page's title and heading.</summary>
    async Task<string> DescribePageAsync(string method, string url, string? handler)
    {
        HttpResponseMessage response;
        if (method == "GET") response = await things.OutsiderBrowser.GetAsync(url);
        else
        {
            var help = Pages.Parse(await (await things.OutsiderBrowser.GetAsync("/help")).Content.ReadAsStringAsync());
            var token = help.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            response = await things.OutsiderBrowser.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Text"] = "Hello", ["Answer"] = "An answer", ["Reason"] = "Unkind",
                ["messageId"] = things.MessageId.ToString(), ["Kind"] = "muted",
            }));
        }
        var page = Pages.Parse(await response.Content.ReadAsStringAsync());
        return $"{(int)response.StatusCode} {response.Headers.Location} {page.Title} | {page.QuerySelector("h1")?.TextContent.Trim()}";
    }
}
