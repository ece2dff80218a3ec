using NodaTime;

namespace RunTalkRun.Features.Time;

public static class TimeSetup
{
    /// <summary>
    /// The one clock: NodaTime's <see cref="IClock"/>, for everything of ours (tests put a fake one in its place).
    /// ASP.NET's own parts (cookies, bearer tokens, Identity) bring their own <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddTime(this IServiceCollection services) =>
        services.AddSingleton<IClock>(SystemClock.Instance);
}
