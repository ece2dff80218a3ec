using PhoneNumbers;

namespace RunTalkRun.Features.Accounts;

/// <summary>
/// Checks an emergency contact: a name and a phone number that libphonenumber says can be dialled,
/// written in a country's own way ("07911 123456" in the UK) or internationally ("+61 412 345 678").
/// </summary>
public static class EmergencyContact
{
    public static readonly (string Code, string Name)[] Countries =
        [("GB", "United Kingdom"), ("IE", "Ireland"), ("US", "United States"), ("CA", "Canada"), ("AU", "Australia"), ("NZ", "New Zealand")];

    static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>The errors by field (name, phone, country), and the number in E.164 when it is good.</summary>
    public static (Dictionary<string, string[]> Errors, string? E164) Check(string? name, string? phone, string? country)
    {
        var errors = new Dictionary<string, string[]>();
        name = name?.Trim() ?? "";
        phone = phone?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = ["Enter the name of the person to call, for example \"Sam (my sister)\"."];
        else if (name.Length > Member.EmergencyNameMaxLength) errors["name"] = [$"The name must be {Member.EmergencyNameMaxLength} characters or fewer. It has {name.Length}."];
        else if (name.Any(char.IsControl) || name.Contains('<') || name.Contains('>')) errors["name"] = ["The name can't contain < or > or control characters."];

        var region = Countries.Any(c => c.Code == country) ? country! : "GB";
        string? e164 = null;
        if (phone.Length == 0) errors["phone"] = ["Enter their phone number, like 07911 123456 or +44 7911 123456."];
        else if (phone.Length > 30) errors["phone"] = ["That is too long for a phone number. Enter it like 07911 123456 or +44 7911 123456."];
        else
        {
            try
            {
                var number = Phones.Parse(phone, region);
                if (Phones.IsValidNumber(number)) e164 = Phones.Format(number, PhoneNumberFormat.E164);
                else errors["phone"] = [$"That doesn't look like a phone number in {Countries.First(c => c.Code == region).Name}. Check it, or start with the country code, like +44."];
            }
            catch (NumberParseException)
            {
                errors["phone"] = ["Enter a phone number using digits, like 07911 123456 or +44 7911 123456."];
            }
        }
        return (errors, e164);
    }

    /// <summary>"+44 7911 123456": readable, and dialable from anywhere.</summary>
    public static string Display(string e164)
    {
        try { return Phones.Format(Phones.Parse(e164, "GB"), PhoneNumberFormat.INTERNATIONAL); }
        catch (NumberParseException) { return e164; }
    }
}
