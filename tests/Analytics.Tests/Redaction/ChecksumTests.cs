using Analytics.Ingest.Redaction;

namespace Analytics.Tests.Redaction;

public class ChecksumTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300")] // the ISO 13616 / ABN AMRO example
    [InlineData("GB82WEST12345698765432")] // the ECBS example
    [InlineData("DE89370400440532013000")]
    [InlineData("BE68539007547034")]
    public void IbanWithCorrectCheckDigitsIsValid(string iban) => Assert.True(Checksums.IsValidIban(iban));

    [Theory]
    [InlineData("NL92ABNA0417164300")] // check digits off by one
    [InlineData("NL91ABNA0417164301")] // last digit changed
    [InlineData("NL91ABNA0417164")] // too short for NL (18)
    [InlineData("XX91ABNA0417164300")] // no such country
    [InlineData("NL91ABNA04171643000")] // too long for NL
    public void IbanWithWrongChecksumOrLengthIsInvalid(string iban) => Assert.False(Checksums.IsValidIban(iban));

    [Theory]
    [InlineData("111222333")] // 9+8+7+12+10+8+9+6-3 = 66 = 6·11
    [InlineData("123456782")] // 9+16+21+24+25+24+21+16-2 = 154 = 14·11
    public void BsnPassingTheElevenTestIsValid(string bsn) => Assert.True(Checksums.PassesElevenTest(bsn));

    [Theory]
    [InlineData("123456789")] // 156-9 = 147, not a multiple of 11
    [InlineData("111222334")] // 65
    [InlineData("000000000")] // sum 0 is excluded
    [InlineData("12345678")] // eight digits
    public void BsnFailingTheElevenTestIsInvalid(string bsn) => Assert.False(Checksums.PassesElevenTest(bsn));

    [Theory]
    [InlineData("79927398713")] // the textbook Luhn example
    [InlineData("4111111111111111")]
    [InlineData("378282246310005")]
    public void NumberPassingLuhnIsValid(string digits) => Assert.True(Checksums.PassesLuhn(digits));

    [Theory]
    [InlineData("79927398710")]
    [InlineData("4111111111111112")]
    [InlineData("")]
    public void NumberFailingLuhnIsInvalid(string digits) => Assert.False(Checksums.PassesLuhn(digits));
}
