using System.Text.Json;
using Alliance.ServiceDefaults.Tests.Validation.Messages;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;

namespace Alliance.ServiceDefaults.Tests.Validation;

public class ControlCharactersTests
{
    [Theory]
    [InlineData("党支部\0")]
    [InlineData("\u0001党支部")]
    [InlineData("党\u007f支部")]
    [InlineData("党支部\u001b[31m")]
    [InlineData("党支部\u009b")]
    public void A_name_with_a_control_character_is_refused_and_named(string name) =>
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Name = name }).Should().Be("name");

    [Theory]
    [InlineData("第一党支部")]
    [InlineData("line one\r\nline two")]
    [InlineData("a\tb\nc\rd")]
    [InlineData("")]
    [InlineData("Zhang San 😀")]
    public void Tab_CR_LF_and_ordinary_text_are_allowed(string name) =>
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Name = name, Aliases = { name }, Labels = { ["k"] = name } }).Should().BeNull();

    [Fact]
    public void An_optional_field_is_checked() =>
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Phone = "138\0" }).Should().Be("phone");

    [Fact]
    public void A_nested_message_is_named_by_its_path_in_camel_case()
    {
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Filter = new UnitFilter { Search = "\0" } }).Should().Be("filter.search");
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Filter = new UnitFilter { Inner = new UnitFilter { Search = "x\u0002" } } })
            .Should().Be("filter.inner.search");
    }

    [Fact]
    public void Repeated_strings_and_messages_are_named_with_their_index()
    {
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Aliases = { "一", "二\0" } }).Should().Be("aliases[1]");
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest
        {
            Contacts = { new Contact { ContactName = "王经理" }, new Contact { ContactName = "李经理", ContactPhone = "\u00071380000" } },
        }).Should().Be("contacts[1].contactPhone");
    }

    [Fact]
    public void Map_values_and_keys_are_checked()
    {
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Labels = { ["theme"] = "城市\0" } }).Should().Be("labels[theme]");
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { ContactsByRole = { ["chair"] = new Contact { ContactName = "\u0001" } } })
            .Should().Be("contactsByRole[chair].contactName");
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Labels = { ["the\0me"] = "城市" } }).Should().Be("labels[the\\u0000me]");
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { NotesByYear = { [2026] = "\u007f" } }).Should().Be("notesByYear[2026]");
    }

    [Fact]
    public void The_set_member_of_a_oneof_is_checked()
    {
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { OrganizationId = "\0" }).Should().Be("organizationId");
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { External = new Contact { ContactName = "\0" } }).Should().Be("external.contactName");
    }

    [Fact]
    public void Bytes_are_not_text_and_may_hold_any_byte() =>
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Name = "文件", Document = ByteString.CopyFrom(0, 1, 127) }).Should().BeNull();

    [Fact]
    public void The_first_offending_field_in_declaration_order_is_named() =>
        ControlCharacters.FirstRefusedField(new RegisterUnitRequest { Name = "\0", Aliases = { "\0" } }).Should().Be("name");

    [Fact]
    public void A_message_read_from_the_wire_is_checked_like_one_built_in_code()
    {
        var bytes = new RegisterUnitRequest { Contacts = { new Contact { ContactName = "张\0三" } } }.ToByteArray();
        ControlCharacters.FirstRefusedField(RegisterUnitRequest.Parser.ParseFrom(bytes)).Should().Be("contacts[0].contactName");
    }

    [Theory]
    [InlineData("""{"name":"\u0000"}""", "name")]
    [InlineData("""{"agreement":{"title":"协议\u0001"}}""", "agreement.title")]
    [InlineData("""{"members":[{"name":"a"},{"name":"b\u007f"}]}""", "members[1].name")]
    [InlineData("""[["x","\u0000"]]""", "[0][1]")]
    [InlineData("""{"activeValues":{"on\u0000":true}}""", "activeValues.on\\u0000")]
    [InlineData("\"\\u0000\"", "")]
    public void In_JSON_every_string_and_property_name_is_checked(string json, string field)
    {
        using var document = JsonDocument.Parse(json);
        ControlCharacters.FirstRefusedField(document.RootElement).Should().Be(field);
    }

    [Theory]
    [InlineData("""{"name":"第一党支部","plan":"一\n二\r\n三\t四","count":3,"ok":true,"none":null}""")]
    [InlineData("""[]""")]
    public void JSON_without_control_characters_passes(string json)
    {
        using var document = JsonDocument.Parse(json);
        ControlCharacters.FirstRefusedField(document.RootElement).Should().BeNull();
    }
}
