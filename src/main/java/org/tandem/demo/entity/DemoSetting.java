package org.tandem.demo.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A switch of the demo platform, in the database so every instance agrees on it. */
@Entity
@Table(name = "demo_setting")
public class DemoSetting {

    /** "true" while the demo plays an LMS whose services are down. */
    public static final String LMS_UNAVAILABLE = "lms_unavailable";

    @Id
    private String name;

    @Column(name = "setting_value", nullable = false)
    private String value;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected DemoSetting() {
    }

    public DemoSetting(String name, String value, Instant changedAt) {
        this.name = name;
        this.value = value;
        this.changedAt = changedAt;
    }

    public String value() {
        return value;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public void change(String value, Instant now) {
        this.value = value;
        this.changedAt = now;
    }
}
