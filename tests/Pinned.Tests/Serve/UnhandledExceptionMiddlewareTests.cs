using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Pinned.Serve;
using Pinned.Telemetry;

namespace Pinned.Tests.Serve;

public sealed class UnhandledExceptionMiddlewareTests
{
    [Fact]
    public async Task An_exception_in_an_endpoint_becomes_a_logged_and_counted_500_with_a_JSON_error()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var telemetry = new WebhookTelemetry(meterFactory, new Pinned.Tls.CertificateStore());
        using var requests = new MetricCollector<long>(meterFactory, WebhookTelemetry.Name, "pinned.admission.requests");
        var logger = new FakeLogger<UnhandledExceptionMiddleware>();
        var middleware = new UnhandledExceptionMiddleware(_ => throw new InvalidOperationException("boom"), telemetry, logger);
        var context = new DefaultHttpContext();
        context.Request.Path = "/validate";
        context.Response.Body = new MemoryStream();

        await middleware.InvokeAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal(500, body["status"]!.GetValue<int>());
        Assert.DoesNotContain("boom", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("UnhandledException", logger.LatestRecord.Id.Name);
        Assert.IsType<InvalidOperationException>(logger.LatestRecord.Exception);
        var measurement = Assert.Single(requests.GetMeasurementSnapshot());
        Assert.Equal("errored", measurement.Tags["outcome"]);
    }
}
