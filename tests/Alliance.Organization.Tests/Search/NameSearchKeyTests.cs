using Alliance.ServiceDefaults.Search;

namespace Alliance.Organization.Tests.Search;

public class PinyinTableTests
{
    [Fact]
    public void The_machines_Unihan_table_is_loaded_so_no_test_rests_on_the_characters_only_fallback()
    {
        var table = PinyinTable.Shared;

        table.LoadError.Should().BeNull();
        table.IsLoaded.Should().BeTrue();
        table.Count.Should().BeGreaterThan(20_000);
    }

    [Fact]
    public void Readings_are_toneless_with_the_customary_one_first_and_the_other_modern_ones_after()
    {
        var table = PinyinTable.Shared;

        table.Readings('张').Should().Equal("zhang");
        table.Readings('长').Should().Equal("zhang", "chang");
        table.Readings('行')[0].Should().Be("xing");
        table.Readings('行').Should().Contain("hang");
        table.Readings('吕').Should().Equal("lv");
        table.Readings('A').Should().BeEmpty();
    }

    [Fact]
    public void A_missing_file_leaves_an_empty_table_that_says_why()
    {
        var table = PinyinTable.Load("/nonexistent/Unihan_Readings.txt.bz2");

        table.IsLoaded.Should().BeFalse();
        table.LoadError.Should().Contain("not found");
        NameSearchKey.For("张三", table).Should().BeNull("the startup backfill fills the key once the table is there");
    }

    [Theory]
    [InlineData("zhǎng", "zhang")]
    [InlineData("lǚ", "lv")]
    [InlineData("Nǚ", "nv")]
    [InlineData("ê̄", "e")]
    [InlineData("lu\u0308", "lv")]
    [InlineData("ḿ", "m")]
    [InlineData("ǹg", "ng")]
    [InlineData("ế", "e")]
    public void Toneless_drops_tones_and_writes_u_umlaut_as_v(string reading, string expected) =>
        PinyinTable.Toneless(reading).Should().Be(expected);
}

public class NameSearchKeyTests
{
    static string[] Alternatives(string name) => NameSearchKey.For(name)!.Split(' ');

    [Fact]
    public void A_name_has_its_full_pinyin_and_its_initials()
    {
        Alternatives("张三").Should().Equal("zhangsan", "zs");
        Alternatives("第一党支部").Should().Equal("diyidangzhibu", "dydzb");
    }

    [Fact]
    public void A_polyphonic_character_gives_every_reading_in_full_and_in_initials()
    {
        var key = Alternatives("长行");

        key[0].Should().Be("zhangxing", "the customary readings come first");
        key.Should().Contain(["changxing", "changhang", "zhanghang", "zx", "cx", "ch", "zh"]);
    }

    [Fact]
    public void Latin_letters_and_digits_stand_for_themselves_and_punctuation_is_left_out()
    {
        Alternatives("第1党支部").Should().Equal("di1dangzhibu", "d1dzb");
        Alternatives("ABC项目·党小组").Should().Equal("abcxiangmudangxiaozu", "abcxmdxz");
        Alternatives("Ab12").Should().Equal(["ab12"], "the full form and the initials are one alternative then");
    }

    [Fact]
    public void Characters_without_a_reading_are_left_out_and_a_name_of_only_those_has_an_empty_key()
    {
        Alternatives("张\uE000三").Should().Equal("zhangsan", "zs");
        NameSearchKey.For("·—").Should().BeEmpty();
    }

    [Fact]
    public void Many_polyphonic_characters_stay_within_the_cap_with_the_customary_combination_first()
    {
        var name = "长行重单乐长行重单乐";
        var key = Alternatives(name);

        key.Length.Should().BeLessThanOrEqualTo(2 * NameSearchKey.MaxCombinations);
        key[0].Should().Be("zhangxingzhongdanlezhangxingzhongdanle");
        key.Should().Contain("changxingzhongdanlezhangxingzhongdanle", "a single position changed is still found");
    }

    [Theory]
    [InlineData("zhangsan", "zhangsan")]
    [InlineData(" Zhang San ", "zhangsan")]
    [InlineData("xi'an", "xian")]
    [InlineData("Lü", "lv")]
    [InlineData("ZS", "zs")]
    [InlineData("d1dzb", "d1dzb")]
    public void A_query_is_compared_lower_case_without_spaces(string query, string expected) =>
        NameSearchKey.Normalize(query).Should().Be(expected);

    [Theory]
    [InlineData("张")]
    [InlineData("zhang三")]
    [InlineData("50%")]
    [InlineData("  ")]
    public void A_query_with_other_characters_matches_by_name_only(string query) =>
        NameSearchKey.Normalize(query).Should().BeNull();

    [Theory]
    [InlineData("张三", "zs")]
    [InlineData("张三", "zhang")]
    [InlineData("张三", "zhangs")]
    [InlineData("第一党支部", "dydzb")]
    [InlineData("第一党支部", "diyidangzhibu")]
    [InlineData("长行", "hang")]
    public void A_normalized_query_is_part_of_an_alternative(string name, string query) =>
        NameSearchKey.For(name)!.Split(' ').Should().Contain(a => a.Contains(NameSearchKey.Normalize(query)!));
}
