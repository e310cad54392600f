package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegisterWorkloadTest {

  @Test
  void answersBecomeTheValuesARegisterReadReturned() throws Exception {
    assertThat(RegisterWorkload.values(404, "{\"error\":\"not found\"}")).isEmpty();
    assertThat(RegisterWorkload.values(200, "w1-7")).containsExactly("w1-7");
    String siblings =
        "{\"siblings\":[{\"value\":\"dzEtMQ==\",\"contentType\":\"text/plain\"},"
            + "{\"deleted\":true,\"lastModified\":\"2026-11-26T02:21:36.957Z\"},"
            + "{\"value\":\"dzItMg==\",\"contentType\":\"text/plain\"}]}";
    assertThat(RegisterWorkload.values(300, siblings)).containsExactly("w1-1", "w2-2");
  }
}
