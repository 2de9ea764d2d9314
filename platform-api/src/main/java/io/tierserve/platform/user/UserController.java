package io.tierserve.platform.user;

import io.tierserve.platform.config.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's users (tenant admins and viewers). */
@RestController
@RequestMapping("/api/tenants/{tenant}/users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    PageResponse<UserResponse> list(
            @PathVariable String tenant,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return users.list(tenant, page, size);
    }

    @PostMapping
    ResponseEntity<UserResponse> create(@PathVariable String tenant, @Valid @RequestBody UserRequest request) {
        UserResponse created = users.create(tenant, request);
        return ResponseEntity.created(URI.create("/api/tenants/" + tenant + "/users/" + created.username()))
                .body(created);
    }

    /** A new password and/or role; the user's sessions end at once. */
    @PutMapping("/{username}")
    UserResponse update(
            @PathVariable String tenant, @PathVariable String username, @Valid @RequestBody UserUpdate update) {
        return users.update(tenant, username, update);
    }

    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String username) {
        users.delete(tenant, username);
        return ResponseEntity.noContent().build();
    }
}
