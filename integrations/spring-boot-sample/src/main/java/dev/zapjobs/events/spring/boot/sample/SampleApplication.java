package dev.zapjobs.events.spring.boot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/** A Spring Boot application whose jobs publish lifecycle events to @OnJobEvent handlers. */
@SpringBootApplication
@EnableTransactionManagement
public class SampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
