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
public class SignUpModel(AppDb db, UserManager<Member> users, SignInManager<Member> signIn, AccountMail mail, SiteLinks links, IClock clock, ILogger<SignUpModel> log) : FormPage
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

        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        var member = new Member { UserName = email, Email = email, Nickname = nickname, JoinedAt = now };
        // The account and both consents are written together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(member, Input.Password!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.Contains("Password") ? "Input.Password" : "Input.Email", e.Description);
            return Page();
        }
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.CommunityGuidelines, now));
        db.Consents.Add(Consent.Give(member.Id, ConsentKind.AttendanceData, now));
        await db.SaveChangesAsync();
        await tx.CommitAsync();

        try
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(member)));
            var link = links.Absolute(Url.Page("/Accounts/ConfirmEmail", new { userId = member.Id, code })!);
            await mail.SendConfirmationAsync(member, link);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not send the confirmation email");
        }

        await signIn.SignInAsync(member, isPersistent: false);
        TempData["Notice"] = $"Welcome, {nickname}. We've sent you an email to confirm your address.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/groups");
    }
}
