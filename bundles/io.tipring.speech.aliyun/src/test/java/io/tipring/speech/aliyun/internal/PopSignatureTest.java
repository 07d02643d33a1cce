package io.tipring.speech.aliyun.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The POP signature against the example of "Obtain a token using OpenAPI" (help.aliyun.com, 113251). */
class PopSignatureTest {

    private static final Map<String, String> EXAMPLE = TokenService.parameters("my_access_key_id", "cn-shanghai",
            Instant.parse("2019-04-18T08:32:31Z"), "b924c8c3-6d03-4c5d-ad36-d984d3116788");

    @Test
    void theDocumentedExampleSignsToItsPublishedSignature() {
        assertEquals("AccessKeyId=my_access_key_id&Action=CreateToken&Format=JSON&RegionId=cn-shanghai"
                + "&SignatureMethod=HMAC-SHA1&SignatureNonce=b924c8c3-6d03-4c5d-ad36-d984d3116788"
                + "&SignatureVersion=1.0&Timestamp=2019-04-18T08%3A32%3A31Z&Version=2019-02-28",
                PopSignature.canonicalizedQuery(EXAMPLE));
        assertEquals("GET&%2F&AccessKeyId%3Dmy_access_key_id%26Action%3DCreateToken%26Format%3DJSON%26RegionId%3D"
                + "cn-shanghai%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Db924c8c3-6d03-4c5d-ad36-d984d3116788"
                + "%26SignatureVersion%3D1.0%26Timestamp%3D2019-04-18T08%253A32%253A31Z%26Version%3D2019-02-28",
                PopSignature.stringToSign("GET", EXAMPLE));
        assertEquals("hHq4yNsPitlfDJ2L0nQPdugdEzM=", PopSignature.sign("GET", EXAMPLE, "my_access_key_secret"));
        assertEquals("Signature=hHq4yNsPitlfDJ2L0nQPdugdEzM%3D&AccessKeyId=my_access_key_id&Action=CreateToken"
                + "&Format=JSON&RegionId=cn-shanghai&SignatureMethod=HMAC-SHA1"
                + "&SignatureNonce=b924c8c3-6d03-4c5d-ad36-d984d3116788&SignatureVersion=1.0"
                + "&Timestamp=2019-04-18T08%3A32%3A31Z&Version=2019-02-28",
                PopSignature.signedQuery(EXAMPLE, "my_access_key_secret"));
    }

    @Test
    void percentEncodingFollowsThePopRules() {
        assertEquals("a%20b%2Ac~d-e_f.g%2Bh%2Fi%3Dj%26", PopSignature.percentEncode("a b*c~d-e_f.g+h/i=j&"));
        assertEquals("%E4%BD%A0%E5%A5%BD", PopSignature.percentEncode("\u4f60\u597d"));
        assertEquals(NlsTestServer.popEncode("x y*z~\u4f60+/"), PopSignature.percentEncode("x y*z~\u4f60+/"));
    }
}
