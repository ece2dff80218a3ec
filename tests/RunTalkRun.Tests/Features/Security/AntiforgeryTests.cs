using System.Net;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Security.AuthorizationTests;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// Every form handler in docs/permissions.md, posted by someone it lets in but without a valid antiforgery
/// token: with none, and with a real token from another session (replayed or forged). Each is refused
/// with 400 and the database is exactly as it was.
/// </summary>
public class AntiforgeryTests(Walk walk) : IClassFixture<Walk>
{
    /// <summary>
    /// The unsubscribe link takes a mail program's one-click POST (RFC 8058), which carries no token: the secret
    /// in its address is the proof (see UnsubscribeModel). The permission walk checks a wrong secret is refused.
    /// </summary>
    static readonly string[] WithoutAntiforgery = ["/mail/unsubscribe/{token}/{kind}"];

    public static TheoryData<string, string> FormHandlers()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Table.Rows.Where(r => r.Method == "POST" && !r.Pattern.StartsWith("/api/") && !r.Pattern.StartsWith("/hubs/") && !WithoutAntiforgery.Contains(r.Pattern)))
            data.Add(row.Pattern, row.Handler);
        return data;
    }

    [Fact]
    public async Task The_walk_covers_the_forms_and_its_snapshot_sees_a_write()
    {
        Assert.True(FormHandlers().Count() > 60, $"only {FormHandlers().Count()} form handlers");
        var before = await DbSnapshot.TakeAsync(walk.App);
        await walk.App.NewMemberAsync("Snapshot check");
        Assert.NotEqual(before, await DbSnapshot.TakeAsync(walk.App));
    }

    [Theory]
    [MemberData(nameof(FormHandlers))]
    public async Task A_form_without_a_valid_token_is_refused_and_changes_nothing(string pattern, string handler)
    {
        var row = Table.Rows.Single(r => r.Method == "POST" && r.Pattern == pattern && r.Handler == handler);
        // Someone the rule lets in (a member rather than anonymous where the rule allows both).
        var allowed = Table.Rules[row.Rule].Where(a => a.Value == "yes").Select(a => a.Key).ToList();
        var persona = allowed.FirstOrDefault(p => p != Persona.Anonymous, Persona.Anonymous);
        var other = persona == Persona.GroupMember ? Persona.SignedIn : Persona.GroupMember;
        var url = walk.UrlFor(pattern, handler) + (handler == "" ? "" : $"?handler={handler}");
        var client = pattern == "/account/sign-out" ? await walk.NewClientAsync(persona, api: false) : await walk.ClientAsync(persona, api: false);
        // The person's own antiforgery cookie is in place (they have seen a form), and real tokens of two other sessions.
        await client.GetAsync("/account/sign-in");
        var anonymousToken = await TokenAsync(walk.App.Browser());
        var othersToken = await TokenAsync(await walk.ClientAsync(other, api: false));

        var before = await DbSnapshot.TakeAsync(walk.App);
        foreach (var token in new[] { null, anonymousToken, othersToken })
        {
            var fields = new Dictionary<string, string> { ["Input.Name"] = "Forged", ["Input.Text"] = "Forged", ["Input.Email"] = "forged@example.net" };
            if (token is not null) fields["__RequestVerificationToken"] = token;
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest,
                $"POST {url} as {persona} with {(token is null ? "no token" : token == anonymousToken ? "an anonymous session's token" : $"{other}'s token")}: {response.StatusCode} {response.Headers.Location}");
            Assert.Equal("Something wasn't right with that request", Pages.Parse(await response.Content.ReadAsStringAsync()).Text("h1"));
        }
        Assert.Equal(before, await DbSnapshot.TakeAsync(walk.App));
    }

    static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetPageAsync("/account/sign-in")).QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
