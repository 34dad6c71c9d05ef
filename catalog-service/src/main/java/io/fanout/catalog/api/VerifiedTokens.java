package io.fanout.catalog.api;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Partner tokens verified once, remembered for a minute: a partner's integration sends the same
 * token with call after call, and verifying its RS256 signature and parsing its claims was the
 * largest cost of a small API call (more than the database's part). A token is remembered by its
 * exact text, never beyond its own expiry and at most {@link #REMEMBER_MILLIS}; the first call with
 * it is verified in full by the platform's own parser, as is every other use of the parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final long REMEMBER_MILLIS = 60_000;
    private static final int MAX_REMEMBERED = 10_000;

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final DefaultJWTParser parser;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(DefaultJWTParser parser) {
        this.parser = parser;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null && known.validUntilMillis() > now) {
            return known.token();
        }
        JsonWebToken parsed = parser.parse(token);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, new Verified(parsed, Math.min(parsed.getExpirationTime() * 1000, now + REMEMBER_MILLIS)));
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
