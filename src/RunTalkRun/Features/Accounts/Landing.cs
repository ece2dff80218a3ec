namespace RunTalkRun.Features.Accounts;

/// <summary>Where signing in lands when nobody asked for a page: HQ admins on HQ's overview, everyone else on their runs.</summary>
public static class Landing
{
    public const string Default = "/my-runs";

    public static string For(Member? member) => member?.HqRole == HqRole.Admin ? "/hq" : Default;
}
