using StackExchange.Redis;

namespace RunTalkRun.Features.Talk;

public static class TalkSetup
{
    public static IServiceCollection AddTalk(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<TalkSettings>(config.GetSection("Talk"));
        services.AddScoped<Rooms>();
        services.AddScoped<Chat>();
        services.AddScoped<ChatAlerts>();
        services.AddScoped<Moderation>();
        services.AddScoped<ModerationQueue>();
        services.AddScoped<RoomList>();
        services.AddScoped<CrisisPhrases>();
        services.AddSingleton<SafeMessaging>();
        services.AddSingleton<TalkPresence>();
        var signalR = services.AddSignalR(o => o.MaximumReceiveMessageSize = 32 * 1024);
        if (Shared.RedisSetup.Connect(services, config) is { } multiplexer)
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal("rtr");
                o.ConnectionFactory = _ => Task.FromResult(multiplexer);
            });
        return services;
    }

    public static WebApplication MapTalk(this WebApplication app, RouteGroupBuilder api)
    {
        app.MapHub<TalkHub>("/hubs/talk");
        api.MapTalkApi();
        return app;
    }
}
