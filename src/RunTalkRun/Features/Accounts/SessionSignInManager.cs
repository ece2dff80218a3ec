using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Identity's sign-in manager, with a server-side session for every sign-in: by password, two-step code,
/// recovery code, just after signing up, on a page or through the API. Signing out ends the session.
/// </summary>
public class SessionSignInManager(
    UserManager<Member> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<Member> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<Member>> log, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation, Sessions sessions)
    : SignInManager<Member>(users, http, claims, options, log, schemes, confirmation)
{
    string? keep;

    public override async Task SignInWithClaimsAsync(Member user, AuthenticationProperties? properties, IEnumerable<Claim> additionalClaims)
    {
        var kind = AuthenticationScheme == IdentityConstants.BearerScheme ? SessionKind.App : SessionKind.Browser;
        var id = keep ?? await sessions.StartAsync(user.Id, kind, Context.Request.Headers.UserAgent.ToString());
        keep = null;
        await base.SignInWithClaimsAsync(user, properties, additionalClaims.Where(c => c.Type != Sessions.Claim).Append(new Claim(Sessions.Claim, id)));
    }

    /// <summary>Signing in again after a change to the account (two-step sign-in turned on) keeps the same session.</summary>
    public override async Task RefreshSignInAsync(Member user)
    {
        var auth = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (Sessions.IdOf(auth.Principal) is { } current && await sessions.IsLiveAsync(current, user.Id)) keep = current;
        await base.RefreshSignInAsync(user);
    }

    public override async Task SignOutAsync()
    {
        if (Sessions.IdOf(Context.User) is { } current && UserManager.GetUserId(Context.User) is { } memberId)
            await sessions.EndAsync(memberId, current);
        await base.SignOutAsync();
    }
}
