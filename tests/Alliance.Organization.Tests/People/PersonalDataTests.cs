using System.Security.Cryptography;
using Alliance.Organization.People;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Alliance.Organization.Tests.People;

public class PersonalDataTests
{
    static readonly PersonalDataProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void An_encrypted_value_decrypts_to_the_original_and_does_not_contain_it()
    {
        var id = TestIdNumbers.Next();
        var stored = Protector.Encrypt(id);

        Protector.Decrypt(stored).Should().Be(id);
        System.Text.Encoding.UTF8.GetString(stored).Should().NotContain(id[..10]);
        Protector.Encrypt(id).Should().NotEqual(stored, "every encryption takes a fresh nonce");
    }

    [Fact]
    public void A_value_encrypted_under_another_key_cannot_be_read()
    {
        var other = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32));
        var stored = other.Encrypt("13812345678");
        FluentActions.Invoking(() => Protector.Decrypt(stored)).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void The_lookup_hash_is_stable_per_key_and_differs_between_keys()
    {
        var other = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32));
        Protector.Hash("310101199001010011").Should().Be(Protector.Hash("310101199001010011"));
        Protector.Hash("310101199001010011").Should().NotBe(other.Hash("310101199001010011"));
    }

    [Fact]
    public void Masks_keep_only_the_edges()
    {
        PersonalData.MaskIdNumber("310101199001011234").Should().Be("3101**********1234");
        PersonalData.MaskPhone("13812345678").Should().Be("138****5678");
    }

    [Theory]
    [InlineData("11010519491231002X", true)]
    [InlineData("110105194912310021", false)]
    [InlineData("11010519491231002", false)]
    [InlineData("1101051949123100AX", false)]
    public void Resident_ID_numbers_need_a_valid_check_character(string value, bool valid) =>
        PersonalData.IsValidIdNumber(value).Should().Be(valid);

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    public void Phones_are_eleven_digit_mobile_numbers(string value, bool valid) => PersonalData.IsValidPhone(value).Should().Be(valid);

    [Fact]
    public void Outside_Development_the_key_is_required()
    {
        var production = new HostingEnvironment { EnvironmentName = Environments.Production };
        var empty = new ConfigurationBuilder().Build();
        FluentActions.Invoking(() => PersonalDataProtector.FromConfiguration(empty, production))
            .Should().Throw<InvalidOperationException>().WithMessage("*PersonalData:Key*");

        var shortKey = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PersonalDataProtector.KeySetting] = Convert.ToBase64String(new byte[16]) }).Build();
        FluentActions.Invoking(() => PersonalDataProtector.FromConfiguration(shortKey, production)).Should().Throw<InvalidOperationException>();

        var development = new HostingEnvironment { EnvironmentName = Environments.Development };
        PersonalDataProtector.FromConfiguration(empty, development).Should().NotBeNull();
    }
}
