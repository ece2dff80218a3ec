using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace RunTalkRun.Features.Shared;

/// <summary>
/// How often one address may try the doors: signing in (the page and the API share one count), the
/// two-step code, signing up, and asking for or using a password reset. Counted per client address as
/// seen after forwarded headers (an IPv6 address by its /64, what one home or phone gets), in fixed
/// windows. Only the POSTs count: reading the form is free. Set in <c>RateLimits:{Policy}:PermitLimit</c>
/// and <c>:WindowSeconds</c>. With <c>Redis:Configuration</c> set, the counts are kept in Redis (keys starting
/// <c>RateLimits:KeyPrefix</c>, default "rtr:rate-limits:"), so several instances share one count per address. Over the limit, a page answers 429 with a friendly page (/error) and the
/// API 429 problem details, both with Retry-After; the handler never runs, so nothing is half done.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "SignIn";
    public const string TwoFactor = "TwoFactor";
    public const string SignUp = "SignUp";
    public const string PasswordReset = "PasswordReset";

    public record Limit(int PermitLimit, int WindowSeconds);

    static readonly Dictionary<string, Limit> Defaults = new()
    {
        [SignIn] = new(10, 60),
        [TwoFactor] = new(10, 60),
        [SignUp] = new(10, 60),
        [PasswordReset] = new(5, 60),
    };

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var inRedis = RedisSetup.Configuration(config) is not null;
        var prefix = config["RateLimits:KeyPrefix"] is { Length: > 0 } p ? p : "rtr:rate-limits:";
        services.AddRateLimiter(o =>
        {
            foreach (var (name, fallback) in Defaults)
            {
                var section = config.GetSection($"RateLimits:{name}");
                var limit = new Limit(section.GetValue(nameof(Limit.PermitLimit), fallback.PermitLimit), section.GetValue(nameof(Limit.WindowSeconds), fallback.WindowSeconds));
                o.AddPolicy(name, ctx => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : inRedis
                    // Several instances share one count per address (see RedisFixedWindowLimiter).
                    ? RateLimitPartition.Get(ClientKey(ctx), client => new RedisFixedWindowLimiter(
                        ctx.RequestServices.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), $"{prefix}{name}:{client}", limit,
                        ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))))
                    : RateLimitPartition.GetFixedWindowLimiter(ClientKey(ctx), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limit.PermitLimit,
                        Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                        QueueLimit = 0,
                    }));
            }
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>The address a limit counts against: an IPv4 address, or an IPv6 address's /64.</summary>
    public static string ClientKey(HttpContext ctx)
    {
        var ip = ctx.Connection.RemoteIpAddress;
        if (ip is null) return "unknown";
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetworkV6) return ip.ToString();
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancel)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.Path.StartsWithSegments("/api")) return; // the status code page shows /error?code=429
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many tries",
                Detail = $"Too many tries from here. Wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.",
            },
        });
    }
}
