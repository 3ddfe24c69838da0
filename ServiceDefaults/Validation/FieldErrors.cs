using Grpc.Core;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Alliance.ServiceDefaults.Validation;

/// <summary>
/// Field-level validation errors, sent as gRPC's standard rich error model (google.rpc.Status with a BadRequest detail
/// in the <c>grpc-status-details-bin</c> trailer), so the gateway can turn them into problem details with field errors.
/// </summary>
public sealed class FieldErrors
{
    public const string DetailsTrailer = "grpc-status-details-bin";
    readonly List<(string Field, string Message)> _errors = [];

    public bool HasErrors => _errors.Count > 0;
    public IReadOnlyList<(string Field, string Message)> Items => _errors;

    public FieldErrors Add(string field, string message)
    {
        _errors.Add((field, message));
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required.");
        else if (value.Trim().Length > maxLength) Add(field, $"must be at most {maxLength} characters.");
        return this;
    }

    public FieldErrors Id(string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) Add(field, "is required."); }
        else if (!Guid.TryParse(value, out _)) Add(field, "is not a valid id.");
        return this;
    }

    public void ThrowIfAny()
    {
        if (HasErrors) throw ToException(StatusCode.InvalidArgument);
    }

    public RpcException ToException(StatusCode code)
    {
        var summary = string.Join(" ", _errors.Select(e => $"{e.Field} {e.Message}"));
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(_errors.Select(e => new BadRequest.Types.FieldViolation { Field = e.Field, Description = e.Message }));
        var status = new Google.Rpc.Status { Code = (int)code, Message = summary };
        status.Details.Add(Any.Pack(badRequest));
        var trailers = new Metadata { { DetailsTrailer, status.ToByteArray() } };
        return new RpcException(new global::Grpc.Core.Status(code, summary), trailers);
    }

    public static RpcException Single(string field, string message, StatusCode code = StatusCode.InvalidArgument) =>
        new FieldErrors().Add(field, message).ToException(code);

    /// <summary>The field errors a service sent with an error status, if any.</summary>
    public static IReadOnlyDictionary<string, string[]> From(RpcException exception)
    {
        var bytes = exception.Trailers.GetValueBytes(DetailsTrailer);
        if (bytes is null) return new Dictionary<string, string[]>();
        var status = Google.Rpc.Status.Parser.ParseFrom(bytes);
        return status.Details.Where(d => d.Is(BadRequest.Descriptor))
            .SelectMany(d => d.Unpack<BadRequest>().FieldViolations)
            .GroupBy(v => v.Field)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Description).ToArray());
    }
}
