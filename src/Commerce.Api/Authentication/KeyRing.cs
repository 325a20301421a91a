using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Commerce.Api.Authentication;

/// <summary>
/// The token keys: an RSA signing key (access tokens are JWTs signed with RS256) and a symmetric key that
/// encrypts refresh tokens. Read from <see cref="AuthOptions.KeyDirectory"/>, generated there on first start.
/// </summary>
public sealed class KeyRing
{
    private KeyRing(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }
    public SymmetricSecurityKey Encryption { get; }

    public static KeyRing LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var signingPath = Path.Combine(directory, "signing-key.pem");
        var encryptionPath = Path.Combine(directory, "encryption-key.txt");

        var rsa = RSA.Create();
        if (File.Exists(signingPath))
            rsa.ImportFromPem(File.ReadAllText(signingPath));
        else
        {
            rsa.KeySize = 2048;
            WritePrivate(signingPath, rsa.ExportPkcs8PrivateKeyPem());
        }

        byte[] encryption;
        if (File.Exists(encryptionPath))
            encryption = Convert.FromBase64String(File.ReadAllText(encryptionPath).Trim());
        else
        {
            encryption = RandomNumberGenerator.GetBytes(32);
            WritePrivate(encryptionPath, Convert.ToBase64String(encryption));
        }

        var signingKey = new RsaSecurityKey(rsa) { KeyId = Convert.ToHexStringLower(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16] };
        return new KeyRing(signingKey, new SymmetricSecurityKey(encryption));
    }

    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
