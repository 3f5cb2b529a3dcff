// libmpv, loaded when the first video is examined or played rather than when the program starts.
// Linked, it made every screen map its whole dependency tree (245 libraries: FFmpeg, libass, the
// flite voices, …) and hold about 20 MiB more, whether or not its playlist has a video. The
// program is linked against these definitions of the libmpv functions it calls: the first call
// loads Debian's libmpv2 (libmpv.so.2) and each then calls the library's own. Without the library
// mpv_create() returns null, and the player and the probe say libmpv could not start a player.
#include <mpv/client.h>
#include <mpv/render.h>

#include <dlfcn.h>

namespace {

void* mpvSymbol(const char* name) {
    static void* const library = dlopen("libmpv.so.2", RTLD_NOW | RTLD_LOCAL);
    return library != nullptr ? dlsym(library, name) : nullptr;
}

} // namespace

// The library's own function of this name, looked up once; null when libmpv cannot be loaded.
#define GK_MPV_REAL(name) static const auto real = reinterpret_cast<decltype(&name)>(mpvSymbol(#name))

// NOLINTBEGIN(readability-identifier-naming): libmpv's names and signatures (mpv/client.h, render.h)
extern "C" {

mpv_handle* mpv_create(void) {
    GK_MPV_REAL(mpv_create);
    return real != nullptr ? real() : nullptr;
}
int mpv_initialize(mpv_handle* ctx) {
    GK_MPV_REAL(mpv_initialize);
    return real != nullptr ? real(ctx) : MPV_ERROR_UNINITIALIZED;
}
void mpv_terminate_destroy(mpv_handle* ctx) {
    GK_MPV_REAL(mpv_terminate_destroy);
    if (real != nullptr) real(ctx);
}
const char* mpv_error_string(int error) {
    GK_MPV_REAL(mpv_error_string);
    return real != nullptr ? real(error) : "libmpv (libmpv.so.2) is not installed";
}
void mpv_free(void* data) {
    GK_MPV_REAL(mpv_free);
    if (real != nullptr) real(data);
}
int mpv_set_option_string(mpv_handle* ctx, const char* name, const char* data) {
    GK_MPV_REAL(mpv_set_option_string);
    return real != nullptr ? real(ctx, name, data) : MPV_ERROR_UNINITIALIZED;
}
int mpv_command(mpv_handle* ctx, const char** args) {
    GK_MPV_REAL(mpv_command);
    return real != nullptr ? real(ctx, args) : MPV_ERROR_UNINITIALIZED;
}
int mpv_command_async(mpv_handle* ctx, uint64_t reply_userdata, const char** args) {
    GK_MPV_REAL(mpv_command_async);
    return real != nullptr ? real(ctx, reply_userdata, args) : MPV_ERROR_UNINITIALIZED;
}
int mpv_get_property(mpv_handle* ctx, const char* name, mpv_format format, void* data) {
    GK_MPV_REAL(mpv_get_property);
    return real != nullptr ? real(ctx, name, format, data) : MPV_ERROR_UNINITIALIZED;
}
char* mpv_get_property_string(mpv_handle* ctx, const char* name) {
    GK_MPV_REAL(mpv_get_property_string);
    return real != nullptr ? real(ctx, name) : nullptr;
}
int mpv_observe_property(mpv_handle* mpv, uint64_t reply_userdata, const char* name, mpv_format format) {
    GK_MPV_REAL(mpv_observe_property);
    return real != nullptr ? real(mpv, reply_userdata, name, format) : MPV_ERROR_UNINITIALIZED;
}
int mpv_request_log_messages(mpv_handle* ctx, const char* min_level) {
    GK_MPV_REAL(mpv_request_log_messages);
    return real != nullptr ? real(ctx, min_level) : MPV_ERROR_UNINITIALIZED;
}
mpv_event* mpv_wait_event(mpv_handle* ctx, double timeout) {
    GK_MPV_REAL(mpv_wait_event);
    static mpv_event shutdown{MPV_EVENT_SHUTDOWN, 0, 0, nullptr};
    return real != nullptr ? real(ctx, timeout) : &shutdown;
}
void mpv_wakeup(mpv_handle* ctx) {
    GK_MPV_REAL(mpv_wakeup);
    if (real != nullptr) real(ctx);
}
int mpv_render_context_create(mpv_render_context** res, mpv_handle* mpv, mpv_render_param* params) {
    GK_MPV_REAL(mpv_render_context_create);
    return real != nullptr ? real(res, mpv, params) : MPV_ERROR_UNINITIALIZED;
}
void mpv_render_context_set_update_callback(mpv_render_context* ctx, mpv_render_update_fn callback,
                                            void* callback_ctx) {
    GK_MPV_REAL(mpv_render_context_set_update_callback);
    if (real != nullptr) real(ctx, callback, callback_ctx);
}
uint64_t mpv_render_context_update(mpv_render_context* ctx) {
    GK_MPV_REAL(mpv_render_context_update);
    return real != nullptr ? real(ctx) : 0;
}
int mpv_render_context_render(mpv_render_context* ctx, mpv_render_param* params) {
    GK_MPV_REAL(mpv_render_context_render);
    return real != nullptr ? real(ctx, params) : MPV_ERROR_UNINITIALIZED;
}
void mpv_render_context_free(mpv_render_context* ctx) {
    GK_MPV_REAL(mpv_render_context_free);
    if (real != nullptr) real(ctx);
}

} // extern "C"
// NOLINTEND(readability-identifier-naming)
