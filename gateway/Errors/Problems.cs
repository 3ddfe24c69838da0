namespace Alliance.Gateway.Errors;

/// <summary>Problems the gateway answers itself, before any service is called. Titles are filled in the caller's language.</summary>
public static class Problems
{
    /// <summary>Another subsidiary's records are reported as missing, so their existence does not leak.</summary>
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"{what} was not found.");

    public static IResult SubsidiaryNotFound() => NotFound("The subsidiary");

    public static IResult NoSuchEndpoint() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such API endpoint.");
}
