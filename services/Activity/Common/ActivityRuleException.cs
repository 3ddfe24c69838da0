using Grpc.Core;

namespace Alliance.Activity.Common;

/// <summary>
/// A rule of the domain that a request broke, on a field: bad input (<see cref="StatusCode.InvalidArgument"/>, e.g. an
/// end before the start) or a state that does not allow it (<see cref="StatusCode.FailedPrecondition"/>, e.g. holding a
/// cancelled activity, a service center already booked).
/// </summary>
public sealed class ActivityRuleException(string field, string message, StatusCode code = StatusCode.FailedPrecondition) : Exception(message)
{
    public string Field { get; } = field;
    public StatusCode Code { get; } = code;
}
