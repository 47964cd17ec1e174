using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pinned.Serve;

/// <summary>GET /healthz (the process answers) and GET /readyz (it should get reviews).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app, ReadinessState readiness)
    {
        app.MapGet("/healthz", static context => Text(context, StatusCodes.Status200OK, "ok"));
        app.MapGet("/readyz", context => readiness.NotReadyReason is { } reason
            ? Text(context, StatusCodes.Status503ServiceUnavailable, "not ready: " + reason)
            : Text(context, StatusCodes.Status200OK, "ready"));
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }
}
