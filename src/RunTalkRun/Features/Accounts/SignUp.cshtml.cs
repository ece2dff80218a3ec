using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;
using RunTalkRun.Data;
using RunTalkRun.Features.Shared;

namespace RunTalkRun.Features.Accounts;

[EnableRateLimiting(RateLimits.SignUp)]
public class SignUpModel(AppDb db, UserManager<Member> users, AccountMail mail, SiteLinks links, IClock clock, ILogger<SignUpModel> log) : FormPage
{
    public record Form(string? Email = null, string? Nickname = null, string? Password = null, bool AcceptGuidelines = false, bool ConsentAttendance = false);

    [BindProperty]
    public Form Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear(); // our own checks below give plainer words than the binder's
        var email = Input.Email?.Trim() ?? "";
        var nickname = Input.Nickname?.Trim() ?? "";
        if (email.Length == 0) ModelState.AddModelError("Input.Email", "Enter your email address.");
        else if (email.Length > 254 || !Validation.LooksLikeEmail(email)) ModelState.AddModelError("Input.Email", "Enter an email address in the right format, like name@example.com.");
        if (nickname.Length == 0) ModelState.AddModelError("Input.Nickname", "Enter a nickname. A first name is fine.");
        else if (nickname.Length > Member.NicknameMaxLength) ModelState.AddModelError("Input.Nickname", $"Nickname must be {Member.NicknameMaxLength} characters or fewer. Yours has {nickname.Length}.");
        else if (nickname.Any(char.IsControl)) ModelState.AddModelError("Input.Nickname", "Nickname must only use letters, numbers, spaces and punctuation.");
        if (string.IsNullOrEmpty(Input.Password)) ModelState.AddModelError("Input.Password", "Enter a password.");
        if (!Input.AcceptGuidelines) ModelState.AddModelError("Input.AcceptGuidelines", "Tick the box to agree to the community guidelines.");
        if (!Input.ConsentAttendance) ModelState.AddModelError("Input.ConsentAttendance", "Tick the box to agree to how we use which runs you're going to. Without it we can't tell your leader you're coming.");
        if (!ModelState.IsValid) return Page();

        var now = clock.GetCurrentInstant();
        var member = new Member { UserName = email, Email = email, Nickname = nickname, JoinedAt = now };
        // The account and both consents are written together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(member, Input.Password!);
        if (!result.Succeeded)
        {
            // A taken address gets the same answer as a new one (nobody learns who is a member); its owner is told by email.
            var errors = result.Errors.Where(e => e.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))).ToList();
            foreach (var e in errors)
                ModelState.AddModelError(e.Code.Contains("Password") ? "Input.Password" : "Input.Email", e.Description);
            if (errors.Count > 0) return Page();
            await tx.RollbackAsync();
            await TellTheOwnerAsync(email);
            return Sent(email);
        }
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.CommunityGuidelines, now));
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.AttendanceData, now));
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        try
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(member)));
            // Confirming lands back where signing up started (a run's page, say): a local address only.
            var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
            var link = links.Absolute(Url.Page("/Accounts/ConfirmEmail", new { userId = member.Id, code, returnUrl })!);
            await mail.SendConfirmationAsync(member, link);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not queue the confirmation email");
        }

        return Sent(email);
    }

    /// <summary>Where the email went. Not signed in yet: signing in is the next step, for a new account and a taken address alike.</summary>
    public string? SentTo { get; private set; }

    public string SignInLink => "/account/sign-in?returnUrl=" + Uri.EscapeDataString(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/groups");

    IActionResult Sent(string email)
    {
        SentTo = email;
        Input = new Form();
        return Page();
    }

    async Task TellTheOwnerAsync(string email)
    {
        try
        {
            if (await users.FindByEmailAsync(email) is { } owner)
                await mail.SendSignUpAttemptAsync(owner, links.Absolute("/account/sign-in"), links.Absolute("/account/forgot-password"));
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not queue the email about a sign-up with a taken address");
        }
    }
}
