using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

/// <summary>Bearer tokens for API clients: POST /api/v1/auth/login and /refresh.</summary>
public static class AuthApi
{
    /// <summary>For an account with two-step sign-in, send <c>twoFactorCode</c> (from the app) or <c>twoFactorRecoveryCode</c> too.</summary>
    public record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? TwoFactorRecoveryCode = null);
    public record RefreshRequest(string? RefreshToken);

    /// <summary>The problem type of a login that needs a two-step sign-in code: ask for one, then send the login again with it.</summary>
    public const string TwoFactorRequiredType = "urn:runtalkrun:problem:two-factor-required";
    /// <summary>The problem type of a login whose two-step sign-in code was not right.</summary>
    public const string TwoFactorCodeWrongType = "urn:runtalkrun:problem:two-factor-code-wrong";

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth").WithTags("Auth");

        group.MapPost("/login", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (LoginRequest login, SignInManager<Member> signIn, HttpContext http) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(login.Email)) errors["email"] = ["Enter your email address."];
            if (string.IsNullOrEmpty(login.Password)) errors["password"] = ["Enter your password."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

            // The API is stateless: the sign-in manager's cookie for a pending second step stays off its answers.
            http.Response.OnStarting(() => { http.Response.Headers.Remove("Set-Cookie"); return Task.CompletedTask; });
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInEvenlyAsync(login.Email!.Trim(), login.Password!, isPersistent: false);
            var secondStep = result.RequiresTwoFactor;
            if (secondStep)
            {
                if (!string.IsNullOrWhiteSpace(login.TwoFactorCode))
                    result = await signIn.TwoFactorAuthenticatorSignInAsync(Authenticator.Clean(login.TwoFactorCode), isPersistent: false, rememberClient: false);
                else if (!string.IsNullOrWhiteSpace(login.TwoFactorRecoveryCode))
                    result = await Authenticator.RecoveryCodeSignInAsync(signIn, login.TwoFactorRecoveryCode);
                else
                    return TypedResults.Problem("This account uses two-step sign-in. Send the login again with twoFactorCode, the 6-digit code from the authenticator app, or twoFactorRecoveryCode, one of the recovery codes.",
                        statusCode: 401, title: "Two-step sign-in code needed", type: TwoFactorRequiredType,
                        extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            }
            if (result.IsLockedOut)
                return TypedResults.Problem("Too many attempts. Your account is locked for 15 minutes; you can reset your password by email.", statusCode: 429, title: "Locked out");
            if (!result.Succeeded && secondStep)
                return TypedResults.Problem("The two-step sign-in code is not right. Send the newest code from the app (they change every 30 seconds), or an unused recovery code.",
                    statusCode: 401, title: "Sign-in failed", type: TwoFactorCodeWrongType,
                    extensions: new Dictionary<string, object?> { ["twoFactorRequired"] = true });
            if (!result.Succeeded)
                return TypedResults.Problem("The email address or password is not right.", statusCode: 401, title: "Sign-in failed");
            // The sign-in manager has already written the token response.
            return TypedResults.Empty;
        })
        // The sign-in manager writes the token itself: the handler's own results say only what can go wrong.
        .Produces<AccessTokenResponse>()
        .RequireRateLimiting(RateLimits.SignIn).WithSummary("Sign in and receive a bearer token (with twoFactorCode or twoFactorRecoveryCode for an account with two-step sign-in)");

        group.MapPost("/refresh", async Task<Results<SignInHttpResult, ChallengeHttpResult>> (RefreshRequest request,
            SignInManager<Member> signIn, Sessions sessions, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time) =>
        {
            var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
            if (ticket?.Properties?.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires ||
                await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } member ||
                Sessions.IdOf(ticket.Principal) is not { } session || !await sessions.IsLiveAsync(session, member.Id))
                return TypedResults.Challenge();
            // The new tokens belong to the same session: signing it out ends them too.
            var principal = await signIn.CreateUserPrincipalAsync(member);
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(Sessions.Claim, session));
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).WithSummary("Swap a refresh token for a new bearer token (not after the session was signed out)");

        group.MapPost("/logout", async Task<Results<NoContent, UnauthorizedHttpResult>> (HttpContext http, Sessions sessions) =>
        {
            if (http.User.Identity?.IsAuthenticated != true || Sessions.IdOf(http.User) is not { } session ||
                http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is not { } memberId)
                return TypedResults.Unauthorized();
            await sessions.EndAsync(memberId, session);
            return TypedResults.NoContent();
        }).RequireAuthorization()
          .WithSummary("Sign out: ends the session of this bearer token, so it and its refresh token stop working at once");

        app.MapSessionsApi();
        return group;
    }
}
