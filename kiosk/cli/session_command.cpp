// `gongkai-kiosk session`. See session_command.h.
#include "kiosk/cli/session_command.h"

#include "kiosk/platform/gpu.h"
#include "kiosk/services/config_file.h"
#include "kiosk/services/paths.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace gk {
namespace {

// Under cage the program is an X11 client of Xwayland: it draws in software into the window's
// XShm framebuffer and shows only the boxes that changed, which Xwayland passes on to cage as
// damage. SDL 2.26's wayland driver has no software framebuffer: a window there is always an EGL
// one, which loads Mesa (docs/benchmarks.md, "As installed"). SDL_VIDEODRIVER set for the unit wins.
constexpr const char* kHallVideoDriver = "x11";

// Without a GPU, Mesa can only offer software GL, and nothing in a hall session uses GL: the
// program draws on the CPU and cage then composes with pixman. Xwayland would still load Mesa's
// software driver at start for its GLX extension (about 30 MiB, most of it libLLVM's relocated
// pages). An empty driver search path keeps it out; Xwayland then runs without GLX. With a GPU
// (a render node) nothing is changed: cage and Xwayland may use it (hasGpuRenderNode).

std::string selfPath() {
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("gongkai-kiosk") : exe.string();
}

} // namespace

std::vector<std::string> cageCommand(const std::string& cage, int rotation_deg, const std::string& program,
                                     const std::vector<std::string>& run_args) {
    // -d: no client-side decorations asked for; no -s: no VT switching, so no way out by keyboard.
    std::vector<std::string> argv{cage, "-d"};
    for (int turned = 0; turned < rotation_deg / 90 && turned < 3; ++turned) argv.emplace_back("-r");
    argv.emplace_back("--");
    argv.push_back(program);
    argv.emplace_back("run");
    argv.insert(argv.end(), run_args.begin(), run_args.end());
    return argv;
}

int cageRotationFromEnvironment() {
    const char* value = std::getenv(kCageRotationVariable);
    const std::string text = value != nullptr ? value : "";
    return text == "90" ? 90 : text == "180" ? 180 : text == "270" ? 270 : 0;
}

int runSessionCommand(const ParsedCommand& cmd) {
    const std::filesystem::path data_dir =
        cmd.has("--data-dir") ? std::filesystem::path(cmd.get("--data-dir")) : defaultDataDir();
    // Problems are logged by `run`, which reads the same file: here only the rotation matters.
    const DeviceConfig config = loadDeviceConfig(cmd.get("--config"), data_dir);
    std::vector<std::string> run_args{"--data-dir", data_dir.string()};
    if (cmd.has("--config")) run_args.insert(run_args.end(), {"--config", cmd.get("--config")});
    const std::vector<std::string> argv =
        cageCommand(cmd.get("--cage", "cage"), config.settings.rotation_deg, selfPath(), run_args);
    setenv("SDL_VIDEODRIVER", kHallVideoDriver, 0);
    if (!hasGpuRenderNode()) setenv("LIBGL_DRIVERS_PATH", "/dev/null", 0);
    setenv(kCageRotationVariable, std::to_string(config.settings.rotation_deg).c_str(), 1);
    const char* mesa_drivers = std::getenv("LIBGL_DRIVERS_PATH");
    std::cerr << "gongkai-kiosk session: rotation " << config.settings.rotation_deg << "°, video "
              << std::getenv("SDL_VIDEODRIVER")
              << (mesa_drivers != nullptr ? std::string(", LIBGL_DRIVERS_PATH ") + mesa_drivers : std::string()) << ":";
    for (const std::string& arg : argv) std::cerr << " " << arg;
    std::cerr << "\n";
    std::vector<char*> c_argv;
    for (const std::string& arg : argv) c_argv.push_back(const_cast<char*>(arg.c_str()));
    c_argv.push_back(nullptr);
    execvp(c_argv[0], c_argv.data());
    std::cerr << "gongkai-kiosk session: cannot start " << argv[0] << ": " << std::strerror(errno) << "\n";
    return 1;
}

} // namespace gk
