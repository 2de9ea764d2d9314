/** People who log in: accounts with hashed passwords, roles and an optional tenant; the bootstrap admin. */
package io.tierserve.platform.user;
