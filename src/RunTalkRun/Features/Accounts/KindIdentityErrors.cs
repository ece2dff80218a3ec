using Microsoft.AspNetCore.Identity;

namespace RunTalkRun.Features.Accounts;

/// <summary>Identity's error messages in plain words.</summary>
public class KindIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = "There is already an account with this email address. Try signing in, or reset your password if you've forgotten it." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = "There is already an account with this email address. Try signing in, or reset your password if you've forgotten it." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = "Enter an email address in the right format, like name@example.com." };

    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Your password must be at least {length} characters long. A few words strung together work well." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Your password needs at least {uniqueChars} different characters." };
}
