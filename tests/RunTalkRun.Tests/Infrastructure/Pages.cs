using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RunTalkRun.Data;

namespace RunTalkRun.Tests.Infrastructure;

/// <summary>Driving the real pages over HTTP: read a page, fill its form (with its antiforgery token), sign in.</summary>
public static class Pages
{
    static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Posts a form from the page at <paramref name="url"/>, with the page's own antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? formSelector = null, string? action = null)
    {
        var page = await client.GetPageAsync(url);
        var form = (IHtmlFormElement?)(formSelector is null
            ? page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().LastOrDefault(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : page.QuerySelector(formSelector)) ?? throw new InvalidOperationException($"No form on {url}");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden" && !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (k, v) in fields) values[k] = v;
        var target = action ?? form.GetAttribute("action");
        if (string.IsNullOrEmpty(target)) target = url;
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>A browser signed in on the page; with two-step sign-in on, the second step too, with the code the app would show.</summary>
    public static async Task<HttpClient> SignedInAsync(this AppFactory app, string email, string password = DemoCommunity.Password)
    {
        await app.HqUsesTwoStepAsync(email);
        var client = app.Browser();
        var response = await client.PostFormAsync("/account/sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/account/sign-in/two-factor"))
        {
            response = await client.PostFormAsync(response.Headers.Location.OriginalString, new Dictionary<string, string> { ["Input.Code"] = (await app.CodeAsync(email))! });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        return client;
    }

    /// <summary>An API client holding a bearer token from POST /api/v1/auth/login (with the two-step code when the account has it on).</summary>
    public static async Task<HttpClient> ApiClientAsync(this AppFactory app, string email, string password = DemoCommunity.Password)
    {
        await app.HqUsesTwoStepAsync(email);
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password, twoFactorCode = await app.CodeAsync(email) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Text(this IHtmlDocument doc, string selector) =>
        doc.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"Nothing matches {selector}");
}
