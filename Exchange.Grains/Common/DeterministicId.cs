using System.Security.Cryptography;
using System.Text;

namespace Exchange.Grains.Common;

/// <summary>
/// Name-based identifiers: the same client key always names the same object, which is what makes a retried
/// create command land on the object the first attempt made instead of making a second one.
/// </summary>
public static class DeterministicId
{
    public static Guid From(params string[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        var guidBytes = bytes.AsSpan(0, 16).ToArray();
        // RFC 9562 version 8 (custom) and variant bits, so the value is a well-formed UUID.
        guidBytes[7] = (byte)((guidBytes[7] & 0x0F) | 0x80);
        guidBytes[8] = (byte)((guidBytes[8] & 0x3F) | 0x80);
        return new Guid(guidBytes);
    }

    public static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
