using System.Text;

namespace Pinned.Floor;

internal static class FloorEndpoint
{
    // A real allowed response with a fixed uid: the floor does no work that depends on the request.
    private static readonly byte[] Review = Encoding.UTF8.GetBytes(
        """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"00000000-0000-0000-0000-000000000000","allowed":true}}""");

    // Reads the whole body (as any webhook must before it answers), then writes the constant review.
    public static async Task HandleAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted);
            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Review.Length;
        await context.Response.Body.WriteAsync(Review, context.RequestAborted);
    }
}
