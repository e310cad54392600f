package io.dynakv.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeAdmissionTest {

    private final Ring ring = new Ring(5, 4, List.of("a", "b"), List.of("a", "b", "a", "b"));

    @Test
    void aConnectedIdThatIsNeitherInTheRingNorListedIsNotAdmitted() {
        NodeAdmission admission = NodeAdmission.listing(List.of("a", "b"));
        assertThat(admission.admits("stranger", ring)).isFalse();
        assertThat(admission.waiting(Set.of("a", "b", "stranger"), ring)).containsExactly("stranger");
    }

    @Test
    void ringMembersAreAdmittedEvenWhenNotListed() {
        NodeAdmission admission = NodeAdmission.listing(List.of());
        assertThat(admission.admits("a", ring)).isTrue();
        Ring joining = new Ring(6, 4, List.of("a", "b"), List.of("a", "b", "a", "b"), List.of("a", "b", "c"),
                List.of("a", "b", "c", "b"));
        assertThat(admission.admits("c", joining)).as("a next member").isTrue();
        assertThat(admission.waiting(Set.of("a", "b", "c"), joining)).isEmpty();
    }

    @Test
    void listedIdsAreAdmittedBeforeTheyJoin() {
        NodeAdmission admission = NodeAdmission.listing(List.of("a", "b", "c"));
        assertThat(admission.admits("c", ring)).isTrue();
        assertThat(admission.admits("c", null)).isTrue();
    }

    @Test
    void anIdAdmittedAtRuntimeIsAdmittedAndTheOriginalIsUnchanged() {
        NodeAdmission admission = NodeAdmission.listing(List.of("a"));
        NodeAdmission more = admission.with("d");
        assertThat(more.admits("d", ring)).isTrue();
        assertThat(admission.admits("d", ring)).isFalse();
    }

    @Test
    void theFirstRingHoldsTheConnectedListedIds() {
        NodeAdmission admission = NodeAdmission.listing(List.of("a", "b", "c"));
        assertThat(admission.firstMembers(Set.of("a", "b", "x"), "x")).containsExactly("a", "b");
    }

    @Test
    void withAnEmptyListTheFirstRingIsTheClaimantsOwnNodeAlone() {
        NodeAdmission admission = NodeAdmission.listing(List.of());
        assertThat(admission.firstMembers(Set.of("a", "b", "c"), "b")).containsExactly("b");
        assertThat(admission.with("c").firstMembers(Set.of("a", "b", "c"), "b")).containsExactly("b", "c");
    }

    @Test
    void noConnectedListedIdMeansNoFirstRingYet() {
        NodeAdmission admission = NodeAdmission.listing(List.of("a"));
        assertThat(admission.firstMembers(Set.of("x", "y"), "x")).isEmpty();
    }
}
