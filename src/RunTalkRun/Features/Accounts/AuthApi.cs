using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RunTalkRun.Features.Accounts;

/// <summary>Bearer tokens for API clients: POST /api/v1/auth/login and /refresh.</summary>
public static class AuthApi
{
    public record LoginRequest(string? Email, string? Password);
    public record RefreshRequest(string? RefreshToken);

    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");

        group.MapPost("/login", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (LoginRequest login, SignInManager<Member> signIn) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(login.Email)) errors["email"] = ["Enter your email address."];
            if (string.IsNullOrEmpty(login.Password)) errors["password"] = ["Enter your password."];
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(login.Email!.Trim(), login.Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
                return TypedResults.Problem("Too many attempts. Your account is locked for 15 minutes; you can reset your password by email.", statusCode: 429, title: "Locked out");
            if (!result.Succeeded)
                return TypedResults.Problem("The email address or password is not right.", statusCode: 401, title: "Sign-in failed");
            // The sign-in manager has already written the token response.
            return TypedResults.Empty;
        }).WithSummary("Sign in and receive a bearer token");

        group.MapPost("/refresh", async Task<Results<SignInHttpResult, ChallengeHttpResult>> (RefreshRequest request,
            SignInManager<Member> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time) =>
        {
            var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
            if (ticket?.Properties?.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires ||
                await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } member)
                return TypedResults.Challenge();
            var principal = await signIn.CreateUserPrincipalAsync(member);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).WithSummary("Swap a refresh token for a new bearer token");

        return group;
    }
}
