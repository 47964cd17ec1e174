using Pinned.Floor;

// The floor of the load test: the same Kestrel set-up as `pinned serve` (HTTPS, HTTP/1.1 and
// HTTP/2, a self-signed certificate made at start, minimal APIs) with no work behind it. Pinned's
// figures are read as ratios to this one, measured in the same run on the same machine. Under
// /json/ the same endpoints also run one Utf8JsonReader pass over the body (the JSON floor).
//   dotnet bench/Pinned.Floor/bin/Release/net10.0/Pinned.Floor.dll --port 9444 [--address 127.0.0.1] [--cert C.pem --key K.pem]
// Both endpoints echo request.uid, so that a real API server accepts the floor's answers.
// As pinned serve: no watch on appsettings.json, which puts an inotify watch on every directory below the working one.
var builder = WebApplication.CreateSlimBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
builder.Logging.ClearProviders();
FloorServer.ConfigureKestrel(builder);

var app = builder.Build();
app.MapPost("/validate", FloorEndpoint.HandleAsync);
app.MapPost("/validate/{mode}", FloorEndpoint.HandleAsync);
app.MapPost("/json/validate", FloorEndpoint.HandleWithJsonAsync);
app.MapPost("/json/validate/{mode}", FloorEndpoint.HandleWithJsonAsync);
app.MapGet("/healthz", () => "ok");
app.MapGet("/readyz", () => "ok");
await app.RunAsync();
