using StackExchange.Redis;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// The Redis that several instances share (the chat backplane, the chat's eviction channel, the group
/// directory's change channel and the data-protection keys, so a cookie or token made by one instance is
/// read by another). Set
/// <c>Redis:Configuration</c> (e.g. "127.0.0.1:6379") to use it; without it, one instance keeps all of
/// these to itself.
/// </summary>
public static class RedisSetup
{
    public static string? Configuration(IConfiguration config) =>
        config["Redis:Configuration"] is { Length: > 0 } c ? c : null;

    /// <summary>The one connection to Redis, made the first time it is asked for; null when none is configured.</summary>
    public static IConnectionMultiplexer? Connect(IServiceCollection services, IConfiguration config)
    {
        if (Configuration(config) is not { } redis) return null;
        if (services.FirstOrDefault(d => d.ServiceType == typeof(IConnectionMultiplexer))?.ImplementationInstance is IConnectionMultiplexer made)
            return made;
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false; // keeps trying when Redis starts after the app
        var multiplexer = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        return multiplexer;
    }
}
