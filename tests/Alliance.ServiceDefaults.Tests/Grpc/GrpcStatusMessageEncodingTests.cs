using Alliance.ServiceDefaults.Grpc;

namespace Alliance.ServiceDefaults.Tests.Grpc;

public sealed class GrpcStatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("50% done", "50%25 done")]
    [InlineData("联盟", "%E8%81%94%E7%9B%9F")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void Status_messages_are_percent_encoded_as_UTF8_and_decoded_back(string message, string onTheWire)
    {
        GrpcProtocol.EncodeMessage(message).Should().Be(onTheWire);
        GrpcProtocol.DecodeMessage(onTheWire).Should().Be(message);
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("%zz bad")]
    [InlineData("%4")]
    public void A_malformed_percent_sequence_is_kept_as_sent(string received)
    {
        GrpcProtocol.DecodeMessage(received).Should().Be(received);
    }
}
