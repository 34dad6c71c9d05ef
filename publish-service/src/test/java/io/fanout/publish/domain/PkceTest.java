package io.fanout.publish.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void theChallengeIsRfc7636sS256OfTheVerifier() {
        // RFC 7636, Appendix B.
        Pkce flow = new Pkce("state", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        assertThat(flow.codeChallenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void eachFlowHasItsOwnStateAndAVerifierOfTheLengthRfc7636Asks() {
        Pkce one = Pkce.generate();
        Pkce two = Pkce.generate();

        assertThat(one.codeVerifier()).matches("[A-Za-z0-9_-]{43}");
        assertThat(one.state()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(two.state());
        assertThat(one.codeVerifier()).isNotEqualTo(two.codeVerifier()).isNotEqualTo(one.state());
        assertThat(Pkce.stateHash(one.state())).hasSize(32).isNotEqualTo(Pkce.stateHash(two.state()));
        assertThat(one.toString()).doesNotContain(one.state()).doesNotContain(one.codeVerifier());
    }
}
