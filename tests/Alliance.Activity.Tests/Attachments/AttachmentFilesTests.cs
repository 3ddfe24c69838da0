using System.Text;
using Alliance.Activity.Attachments;

namespace Alliance.Activity.Tests.Attachments;

/// <summary>Which files an activity takes, by their content: never markup, never what only the name or a declared type claims.</summary>
public class AttachmentFilesTests
{
    static byte[] Bytes(params object[] parts) => parts.SelectMany(p => p switch
    {
        string s => Encoding.UTF8.GetBytes(s),
        byte[] b => b,
        _ => throw new ArgumentException("part"),
    }).ToArray();

    [Theory]
    [InlineData("议程.pdf", "application/pdf")]
    [InlineData("议程.txt", "application/pdf")]
    public void A_pdf_is_a_pdf_whatever_its_name(string name, string expected) =>
        AttachmentFiles.Recognise(Bytes("%PDF-1.7\n..."), name).Should().Be(expected);

    [Fact]
    public void Images_office_documents_and_text_are_recognised()
    {
        AttachmentFiles.Recognise(Bytes(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2 }), "a.png").Should().Be("image/png");
        AttachmentFiles.Recognise(Bytes(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }), "a.jpg").Should().Be("image/jpeg");
        AttachmentFiles.Recognise(Bytes("GIF89a..."), "a.gif").Should().Be("image/gif");
        AttachmentFiles.Recognise(Bytes("PK\u0003\u0004....[Content_Types].xml...."), "纪要.docx")
            .Should().Be("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        AttachmentFiles.Recognise(Bytes(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0 }), "旧表.xls").Should().Be("application/vnd.ms-excel");
        AttachmentFiles.Recognise(Bytes("\uFEFF姓名,单位\n张三,甲党委\n"), "名单.csv").Should().Be("text/csv");
        AttachmentFiles.Recognise(Bytes("学习心得"), "心得.txt").Should().Be("text/plain");
    }

    [Theory]
    [InlineData("<html><script>alert(1)</script></html>", "page.html")]
    [InlineData("<html><script>alert(1)</script></html>", "page.txt")]
    [InlineData("  <svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image.txt")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "image.svg")]
    [InlineData("PK\u0003\u0004 just a zip", "archive.docx")]
    [InlineData("PK\u0003\u0004 [Content_Types].xml", "archive.zip")]
    [InlineData("MZ\u0090\u0000", "setup.pdf")]
    [InlineData("plain words", "notes.md")]
    public void Markup_executables_archives_and_unknown_kinds_are_refused(string content, string name) =>
        AttachmentFiles.Recognise(Bytes(content), name).Should().BeNull();

    [Fact]
    public void Text_that_is_not_utf8_or_holds_nul_is_refused()
    {
        AttachmentFiles.Recognise(new byte[] { 0xC4, 0xE3, 0xBA, 0xC3 }, "gbk.txt").Should().BeNull("GBK is not UTF-8");
        AttachmentFiles.Recognise(Bytes("a\u0000b"), "nul.csv").Should().BeNull();
    }

    [Theory]
    [InlineData("C:\\Users\\张三\\议程.pdf", "议程.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a\u0007b<c>:d\"e.pdf", "abcde.pdf")]
    [InlineData("  会议纪要.docx  ", "会议纪要.docx")]
    public void Names_lose_paths_and_characters_no_file_system_or_header_takes(string given, string stored) =>
        AttachmentFiles.CleanName(given).Should().Be(stored);

    [Theory]
    [InlineData("")]
    [InlineData("...")]
    [InlineData("dir/")]
    public void A_name_with_nothing_left_is_no_name(string given) => AttachmentFiles.CleanName(given).Should().BeNull();

    [Fact]
    public void A_long_name_keeps_its_extension()
    {
        var name = AttachmentFiles.CleanName(new string('长', 300) + ".pdf")!;
        name.Length.Should().Be(AttachmentFiles.MaxFileNameLength);
        name.Should().EndWith(".pdf");
    }
}
