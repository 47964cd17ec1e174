using Microsoft.AspNetCore.Http;

namespace Pinned.Serve;

/// <summary>
/// Once shutdown has started (readiness false, the shutdown delay running), every HTTP/1.x answer
/// carries <c>Connection: close</c>, so a client's keep-alive connection ends right after an answer
/// rather than being closed under it when Kestrel stops. The API server does not retry a POST
/// whose idle connection closed as it sent it: it reports "failed calling webhook ... EOF", and
/// failurePolicy Fail refuses the object. Seen in a rolling upgrade of the chart under real Helm
/// (tests/Pinned.Cluster.Tests/Chart). HTTP/2 needs nothing: Kestrel's stop sends GOAWAY, which
/// clients retry after.
/// </summary>
internal sealed class CloseConnectionsWhileStoppingMiddleware(RequestDelegate next, ReadinessState readiness)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (readiness.IsStopping && !HttpProtocol.IsHttp2(context.Request.Protocol) && !HttpProtocol.IsHttp3(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }

        return next(context);
    }
}
