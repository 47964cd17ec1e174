namespace Pinned.Admission;

/// <summary>The JSON body of an HTTP error that is not a review (bad envelope, wrong content type, …).</summary>
internal sealed record ErrorBody(int Status, string Error);
