package io.dynakv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class BucketPropsTest {

    @Test
    void defaultsAreThreeTwoTwoWithSiblings() {
        assertThat(BucketProps.defaults()).isEqualTo(new BucketProps(3, 2, 2, true));
        assertThat(BucketProps.defaults().validated()).isEqualTo(BucketProps.defaults());
    }

    @Test
    void validPropsValidateToThemselves() {
        BucketProps props = new BucketProps(5, 1, 5, false);
        assertThat(props.validated()).isSameAs(props);
        assertThat(new BucketProps(1, 1, 1, true).validated().n()).isEqualTo(1);
        assertThat(new BucketProps(16, 16, 16, true).validated().n()).isEqualTo(16);
    }

    @Test
    void readQuorumLargerThanNIsRejectedNamingR() {
        InvalidInputException e = reject(new BucketProps(3, 9, 2, true));
        assertThat(e.field()).isEqualTo("r");
        assertThat(e.detail()).isEqualTo("r=9 exceeds n=3");
    }

    @Test
    void writeQuorumLargerThanNIsRejectedNamingW() {
        InvalidInputException e = reject(new BucketProps(3, 2, 4, true));
        assertThat(e.field()).isEqualTo("w");
        assertThat(e.detail()).isEqualTo("w=4 exceeds n=3");
    }

    @Test
    void quorumsBelowOneAreRejected() {
        assertThat(reject(new BucketProps(3, 0, 2, true)).detail()).isEqualTo("r must be >= 1");
        assertThat(reject(new BucketProps(3, 2, -1, true)).detail()).isEqualTo("w must be >= 1");
    }

    @Test
    void nOutsideOneToSixteenIsRejectedNamingN() {
        assertThat(reject(new BucketProps(0, 1, 1, true)).field()).isEqualTo("n");
        assertThat(reject(new BucketProps(17, 1, 1, true)).field()).isEqualTo("n");
    }

    @Test
    void nIsCheckedBeforeTheQuorumsThatDependOnIt() {
        assertThat(reject(new BucketProps(0, 0, 0, true)).field()).isEqualTo("n");
    }

    @Test
    void withersChangeOneFieldAndLeaveTheOriginalAlone() {
        BucketProps original = BucketProps.defaults();
        assertThat(original.withN(5)).isEqualTo(new BucketProps(5, 2, 2, true));
        assertThat(original.withR(1)).isEqualTo(new BucketProps(3, 1, 2, true));
        assertThat(original.withW(3)).isEqualTo(new BucketProps(3, 2, 3, true));
        assertThat(original.withAllowSiblings(false)).isEqualTo(new BucketProps(3, 2, 2, false));
        assertThat(original).isEqualTo(BucketProps.defaults());
    }

    private static InvalidInputException reject(BucketProps props) {
        InvalidInputException e = catchThrowableOfType(props::validated, InvalidInputException.class);
        assertThat(e).as("expected %s to be rejected", props).isNotNull();
        assertThat(e.tooLarge()).isFalse();
        return e;
    }
}
