using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RunTalkRun.Tests.Infrastructure;
using static RunTalkRun.Tests.Features.Security.AuthorizationTests;

namespace RunTalkRun.Tests.Features.Security;

/// <summary>
/// A corpus of script and SQL injection strings goes into every form field of every page and every string of
/// every API request and query (the rows of docs/permissions.md, each tried by someone allowed in). Nothing
/// fails with a server error, every error is a clear answer, nothing comes back as live markup, and afterwards
/// every page still shows whatever was saved as plain text and the database is whole.
/// </summary>
public class HostileInputTests(Walk walk) : IClassFixture<Walk>
{
    public static TheoryData<string> Corpus() =>
    [
        "<script>alert('rtr-xss')</script>",
        "\"><img src=x onerror=alert('rtr-xss')>",
        "javascript:alert('rtr-xss')//' OR '1'='1' --",
        "Robert'); DROP TABLE \"Groups\"; -- <svg onload=alert('rtr-xss')>",
    ];

    /// <summary>What would be live in a page if a payload came back unencoded.</summary>
    static readonly string[] Live = ["<script>alert('rtr-xss')", "<img src=x onerror", "<svg onload", "href=\"javascript:", "href='javascript:"];

    static readonly Persona[] Preference =
        [Persona.GroupOrganiser, Persona.GroupMember, Persona.SafeguardingLead, Persona.HqAdmin, Persona.Moderator, Persona.GroupLeader, Persona.SignedIn, Persona.Anonymous];

    /// <summary>Someone the row lets in, with the most to see. Account-ending rows use the walk's spare member.</summary>
    static Persona WhoTries(Row row)
    {
        if (row.Pattern is "/account/delete" or "/api/v1/me" || row.Pattern.StartsWith("/api/v1/auth") || row.Pattern.StartsWith("/account/sign"))
            return Table.Rules[row.Rule][Persona.Anonymous] == "yes" && row.Pattern.StartsWith("/account/sign-") ? Persona.Anonymous : Persona.SignedIn;
        return Preference.First(p => Table.Rules[row.Rule][p] == "yes");
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Hostile_strings_through_every_form_and_endpoint_are_refused_or_kept_as_text(string payload)
    {
        var openApi = await walk.App.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var problems = new List<string>();
        foreach (var row in Table.Rows.Where(r => Table.Rules[r.Rule].Values.Contains("yes")))
        {
            var who = WhoTries(row);
            var url = walk.UrlFor(row.Pattern, row.Handler);
            var isApi = url.StartsWith("/api") || url.StartsWith("/hubs");
            if (url.StartsWith("/hubs")) continue; // the hub is driven by the chat tests; its methods take the same checks
            var client = row.Pattern == "/account/sign-out" ? await walk.NewClientAsync(who, isApi) : await walk.ClientAsync(who, isApi);
            HttpResponseMessage response;
            try
            {
                response = row.Method == "GET" ? await client.GetAsync(WithQuery(url, payload, isApi ? QueryNames(openApi, row) : PageQueryNames))
                    : isApi ? await client.SendAsync(new HttpRequestMessage(new HttpMethod(row.Method), WithQuery(url, payload, QueryNames(openApi, row)))
                        { Content = JsonContent.Create(HostileBody(openApi, row, payload)) })
                    : await PostHostileFormAsync(await ClientWithFormAsync(row, url, client), url, row.Handler, payload);
            }
            catch (Exception e) { problems.Add($"{row.Method} {url} {row.Handler}: threw {e.GetType().Name}: {e.Message}"); continue; }
            if (await ProblemWith(response, isApi) is { } problem) problems.Add($"{row.Method} {url} {row.Handler} as {who}: {problem}");
            if (!isApi && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next && !next.IsAbsoluteUri)
                if (await ProblemWith(await client.GetAsync(next), false) is { } afterProblem) problems.Add($"{row.Method} {url} {row.Handler} then {next}: {afterProblem}");
        }

        // Whatever was saved is shown as text on every page, to everyone who can see it; the database is whole.
        foreach (var row in Table.Rows.Where(r => r.Method == "GET" && !r.Pattern.StartsWith("/api") && !r.Pattern.StartsWith("/hubs") && Table.Rules[r.Rule].Values.Contains("yes")))
        {
            var url = walk.UrlFor(row.Pattern, row.Handler);
            foreach (var who in new[] { Persona.GroupOrganiser, Persona.GroupMember, Persona.HqAdmin, Persona.Moderator, Persona.SafeguardingLead }.Where(p => Table.Rules[row.Rule][p] == "yes"))
                if (await ProblemWith(await (await walk.ClientAsync(who, false)).GetAsync(url), false) is { } problem) problems.Add($"afterwards, GET {url} as {who}: {problem}");
        }
        Assert.True(await walk.App.WithDbAsync(db => db.Groups.AnyAsync()), "the groups table is gone");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s) with {payload}:\n" + string.Join("\n", problems.Take(60)));
    }

    static async Task<string?> ProblemWith(HttpResponseMessage response, bool isApi)
    {
        if ((int)response.StatusCode >= 500) return $"server error {(int)response.StatusCode}";
        var body = await response.Content.ReadAsStringAsync();
        if (isApi && (int)response.StatusCode >= 400 && body.Length > 0 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{(int)response.StatusCode} answered as {response.Content.Headers.ContentType?.MediaType}, not problem details";
        if (response.Content.Headers.ContentType?.MediaType == "text/html" && Live.FirstOrDefault(l => body.Contains(l, StringComparison.OrdinalIgnoreCase)) is { } live)
            return $"live markup in the page: {Around(body, live)}";
        return null;
    }

    static string Around(string body, string live)
    {
        var i = body.IndexOf(live, StringComparison.OrdinalIgnoreCase);
        return body.Substring(Math.Max(0, i - 80), Math.Min(200, body.Length - Math.Max(0, i - 80)));
    }

    static readonly string[] PageQueryNames = ["q", "near", "country", "returnUrl", "before", "action", "subject", "status", "page", "email", "token", "code", "userId"];

    static string WithQuery(string url, string payload, IEnumerable<string> names)
    {
        var query = string.Join("&", names.Select(n => $"{n}={Uri.EscapeDataString(payload)}"));
        return query.Length == 0 ? url : url + (url.Contains('?') ? "&" : "?") + query;
    }

    static JsonElement? Operation(JsonElement openApi, Row row) =>
        openApi.GetProperty("paths").TryGetProperty(row.Pattern.Replace(":int", "").Replace(":long", ""), out var path)
        && path.TryGetProperty(row.Method.ToLowerInvariant(), out var op) ? op : null;

    static IEnumerable<string> QueryNames(JsonElement openApi, Row row) =>
        Operation(openApi, row) is { } op && op.TryGetProperty("parameters", out var ps)
            ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!)
            : [];

    /// <summary>The request's schema with every string property set to the payload (and the rest left out).</summary>
    static JsonObject HostileBody(JsonElement openApi, Row row, string payload)
    {
        var body = new JsonObject();
        if (Operation(openApi, row) is not { } op || !op.TryGetProperty("requestBody", out var rb)
            || !rb.GetProperty("content").TryGetProperty("application/json", out var json)) return body;
        var schema = json.GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
            schema = openApi.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        if (!schema.TryGetProperty("properties", out var properties)) return body;
        foreach (var p in properties.EnumerateObject())
        {
            var type = p.Value.TryGetProperty("type", out var t) ? t.ToString() : "";
            if (type.Contains("string")) body[p.Name] = payload;
        }
        return body;
    }

    /// <summary>
    /// The first person let in whose page has the form for this handler (a member sees "I'm coming", a leader
    /// doesn't); if nobody's has, the first one, who then sends the token alone.
    /// </summary>
    async Task<HttpClient> ClientWithFormAsync(Row row, string url, HttpClient first)
    {
        if (row.Pattern == "/account/sign-out" || row.Pattern == "/account/delete") return first;
        foreach (var who in Preference.Where(p => Table.Rules[row.Rule][p] == "yes"))
        {
            var client = await walk.ClientAsync(who, false);
            var page = Pages.Parse(await (await client.GetAsync(url)).Content.ReadAsStringAsync());
            if (page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Any(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && Handler(f) == row.Handler.ToLowerInvariant()))
                return client;
        }
        return first;
    }

    /// <summary>
    /// Sends the page's form for this handler with the payload: first in every field at once, then in each text
    /// field alone with the others as the page filled them (so an edit form can save it). The last answer, and
    /// any server error or live markup on the way, come back.
    /// </summary>
    static async Task<HttpResponseMessage> PostHostileFormAsync(HttpClient client, string url, string handler, string payload)
    {
        var page = Pages.Parse(await (await client.GetAsync(url)).Content.ReadAsStringAsync());
        var form = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && Handler(f) == handler.ToLowerInvariant());
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var target = handler.Length == 0 ? url : $"{url}{(url.Contains('?') ? "&" : "?")}handler={handler}";
        Task<HttpResponseMessage> Send(IEnumerable<KeyValuePair<string, string>> fields) =>
            client.PostAsync(target, new FormUrlEncodedContent(fields.Prepend(new("__RequestVerificationToken", token)).DistinctBy(v => v.Key)));
        if (form is null) return await Send([]);

        var filled = Filled(form).ToList();
        var response = await Send(filled.Select(f => new KeyValuePair<string, string>(f.Name, f.Text || f.Choice ? payload : f.Value)));
        foreach (var field in filled.Where(f => f.Text).Select(f => f.Name).Distinct())
        {
            if (await ProblemWith(response, false) is not null) return response;
            response = await Send(filled.Select(f => new KeyValuePair<string, string>(f.Name, f.Name == field ? payload : f.Value)));
        }
        return response;
    }

    record Field(string Name, string Value, bool Text, bool Choice);

    /// <summary>The form's fields as the page filled them: text fields, ticked boxes, chosen options.</summary>
    static IEnumerable<Field> Filled(IHtmlFormElement form)
    {
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && i.Name != "__RequestVerificationToken"))
        {
            if (input.Type is "checkbox" or "radio") { if (input.IsChecked) yield return new(input.Name!, input.Value, false, true); }
            else yield return new(input.Name!, input.Value, input.Type is "text" or "search" or "email" or "url" or "tel" or "password", input.Type is "hidden" or "number" or "date" or "time");
        }
        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(a => !string.IsNullOrEmpty(a.Name)))
            yield return new(area.Name!, area.Value, true, false);
        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(x => !string.IsNullOrEmpty(x.Name)))
            yield return new(select.Name!, select.Value ?? "", false, true);
    }

    static string Handler(IHtmlFormElement form)
    {
        var action = form.GetAttribute("action") ?? "";
        var i = action.IndexOf("handler=", StringComparison.OrdinalIgnoreCase);
        return i < 0 ? "" : action[(i + "handler=".Length)..].Split('&')[0].ToLowerInvariant();
    }
}
