package coro4jtest.shapes;

import static coro4jtest.shapes.Pauses.pause;
import static coro4jtest.shapes.Pauses.pauseDouble;
import static coro4jtest.shapes.Pauses.pauseLong;

import io.coro4j.Async;
import java.util.Arrays;
import java.util.List;

/**
 * Size and width: more than 255 locals (so {@code wide} loads, stores and {@code iinc}), and
 * {@code long}/{@code double} values on the operand stack below a call and among its arguments.
 */
public class ScaleShapes {
    @Async
    public static Object shapeMoreThan255Locals() {
        // 300 int locals (written out by a script): the ones past slot 255 need wide instructions
        int v0 = 0, v1 = 1, v2 = 2, v3 = 3, v4 = 4, v5 = 5, v6 = 6, v7 = 7, v8 = 8, v9 = 9;
        int v10 = 10, v11 = 11, v12 = 12, v13 = 13, v14 = 14, v15 = 15, v16 = 16, v17 = 17, v18 = 18, v19 = 19;
        int v20 = 20, v21 = 21, v22 = 22, v23 = 23, v24 = 24, v25 = 25, v26 = 26, v27 = 27, v28 = 28, v29 = 29;
        int v30 = 30, v31 = 31, v32 = 32, v33 = 33, v34 = 34, v35 = 35, v36 = 36, v37 = 37, v38 = 38, v39 = 39;
        int v40 = 40, v41 = 41, v42 = 42, v43 = 43, v44 = 44, v45 = 45, v46 = 46, v47 = 47, v48 = 48, v49 = 49;
        int v50 = 50, v51 = 51, v52 = 52, v53 = 53, v54 = 54, v55 = 55, v56 = 56, v57 = 57, v58 = 58, v59 = 59;
        int v60 = 60, v61 = 61, v62 = 62, v63 = 63, v64 = 64, v65 = 65, v66 = 66, v67 = 67, v68 = 68, v69 = 69;
        int v70 = 70, v71 = 71, v72 = 72, v73 = 73, v74 = 74, v75 = 75, v76 = 76, v77 = 77, v78 = 78, v79 = 79;
        int v80 = 80, v81 = 81, v82 = 82, v83 = 83, v84 = 84, v85 = 85, v86 = 86, v87 = 87, v88 = 88, v89 = 89;
        int v90 = 90, v91 = 91, v92 = 92, v93 = 93, v94 = 94, v95 = 95, v96 = 96, v97 = 97, v98 = 98, v99 = 99;
        int v100 = 100, v101 = 101, v102 = 102, v103 = 103, v104 = 104, v105 = 105, v106 = 106, v107 = 107, v108 = 108, v109 = 109;
        int v110 = 110, v111 = 111, v112 = 112, v113 = 113, v114 = 114, v115 = 115, v116 = 116, v117 = 117, v118 = 118, v119 = 119;
        int v120 = 120, v121 = 121, v122 = 122, v123 = 123, v124 = 124, v125 = 125, v126 = 126, v127 = 127, v128 = 128, v129 = 129;
        int v130 = 130, v131 = 131, v132 = 132, v133 = 133, v134 = 134, v135 = 135, v136 = 136, v137 = 137, v138 = 138, v139 = 139;
        int v140 = 140, v141 = 141, v142 = 142, v143 = 143, v144 = 144, v145 = 145, v146 = 146, v147 = 147, v148 = 148, v149 = 149;
        int v150 = 150, v151 = 151, v152 = 152, v153 = 153, v154 = 154, v155 = 155, v156 = 156, v157 = 157, v158 = 158, v159 = 159;
        int v160 = 160, v161 = 161, v162 = 162, v163 = 163, v164 = 164, v165 = 165, v166 = 166, v167 = 167, v168 = 168, v169 = 169;
        int v170 = 170, v171 = 171, v172 = 172, v173 = 173, v174 = 174, v175 = 175, v176 = 176, v177 = 177, v178 = 178, v179 = 179;
        int v180 = 180, v181 = 181, v182 = 182, v183 = 183, v184 = 184, v185 = 185, v186 = 186, v187 = 187, v188 = 188, v189 = 189;
        int v190 = 190, v191 = 191, v192 = 192, v193 = 193, v194 = 194, v195 = 195, v196 = 196, v197 = 197, v198 = 198, v199 = 199;
        int v200 = 200, v201 = 201, v202 = 202, v203 = 203, v204 = 204, v205 = 205, v206 = 206, v207 = 207, v208 = 208, v209 = 209;
        int v210 = 210, v211 = 211, v212 = 212, v213 = 213, v214 = 214, v215 = 215, v216 = 216, v217 = 217, v218 = 218, v219 = 219;
        int v220 = 220, v221 = 221, v222 = 222, v223 = 223, v224 = 224, v225 = 225, v226 = 226, v227 = 227, v228 = 228, v229 = 229;
        int v230 = 230, v231 = 231, v232 = 232, v233 = 233, v234 = 234, v235 = 235, v236 = 236, v237 = 237, v238 = 238, v239 = 239;
        int v240 = 240, v241 = 241, v242 = 242, v243 = 243, v244 = 244, v245 = 245, v246 = 246, v247 = 247, v248 = 248, v249 = 249;
        int v250 = 250, v251 = 251, v252 = 252, v253 = 253, v254 = 254, v255 = 255, v256 = 256, v257 = 257, v258 = 258, v259 = 259;
        int v260 = 260, v261 = 261, v262 = 262, v263 = 263, v264 = 264, v265 = 265, v266 = 266, v267 = 267, v268 = 268, v269 = 269;
        int v270 = 270, v271 = 271, v272 = 272, v273 = 273, v274 = 274, v275 = 275, v276 = 276, v277 = 277, v278 = 278, v279 = 279;
        int v280 = 280, v281 = 281, v282 = 282, v283 = 283, v284 = 284, v285 = 285, v286 = 286, v287 = 287, v288 = 288, v289 = 289;
        int v290 = 290, v291 = 291, v292 = 292, v293 = 293, v294 = 294, v295 = 295, v296 = 296, v297 = 297, v298 = 298, v299 = 299;
        long far = v299 + pauseLong(v298);
        double farther = far * 0.5 + pauseDouble(v257);
        v280 += pause(5);
        v281++;
        v290 = pause(v290 + 1000);
        int sum = v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11 + v12 + v13 + v14
                + v15 + v16 + v17 + v18 + v19 + v20 + v21 + v22 + v23 + v24 + v25 + v26 + v27 + v28 + v29
                + v30 + v31 + v32 + v33 + v34 + v35 + v36 + v37 + v38 + v39 + v40 + v41 + v42 + v43 + v44
                + v45 + v46 + v47 + v48 + v49 + v50 + v51 + v52 + v53 + v54 + v55 + v56 + v57 + v58 + v59
                + v60 + v61 + v62 + v63 + v64 + v65 + v66 + v67 + v68 + v69 + v70 + v71 + v72 + v73 + v74
                + v75 + v76 + v77 + v78 + v79 + v80 + v81 + v82 + v83 + v84 + v85 + v86 + v87 + v88 + v89
                + v90 + v91 + v92 + v93 + v94 + v95 + v96 + v97 + v98 + v99 + v100 + v101 + v102 + v103 + v104
                + v105 + v106 + v107 + v108 + v109 + v110 + v111 + v112 + v113 + v114 + v115 + v116 + v117 + v118 + v119
                + v120 + v121 + v122 + v123 + v124 + v125 + v126 + v127 + v128 + v129 + v130 + v131 + v132 + v133 + v134
                + v135 + v136 + v137 + v138 + v139 + v140 + v141 + v142 + v143 + v144 + v145 + v146 + v147 + v148 + v149
                + v150 + v151 + v152 + v153 + v154 + v155 + v156 + v157 + v158 + v159 + v160 + v161 + v162 + v163 + v164
                + v165 + v166 + v167 + v168 + v169 + v170 + v171 + v172 + v173 + v174 + v175 + v176 + v177 + v178 + v179
                + v180 + v181 + v182 + v183 + v184 + v185 + v186 + v187 + v188 + v189 + v190 + v191 + v192 + v193 + v194
                + v195 + v196 + v197 + v198 + v199 + v200 + v201 + v202 + v203 + v204 + v205 + v206 + v207 + v208 + v209
                + v210 + v211 + v212 + v213 + v214 + v215 + v216 + v217 + v218 + v219 + v220 + v221 + v222 + v223 + v224
                + v225 + v226 + v227 + v228 + v229 + v230 + v231 + v232 + v233 + v234 + v235 + v236 + v237 + v238 + v239
                + v240 + v241 + v242 + v243 + v244 + v245 + v246 + v247 + v248 + v249 + v250 + v251 + v252 + v253 + v254
                + v255 + v256 + v257 + v258 + v259 + v260 + v261 + v262 + v263 + v264 + v265 + v266 + v267 + v268 + v269
                + v270 + v271 + v272 + v273 + v274 + v275 + v276 + v277 + v278 + v279 + v280 + v281 + v282 + v283 + v284
                + v285 + v286 + v287 + v288 + v289 + v290 + v291 + v292 + v293 + v294 + v295 + v296 + v297 + v298 + v299;
        return List.of(sum, far, farther, v280, v281, v290);
    }

    @Async
    static double weigh(long a, double b, int c) {
        return a * b + c + pause(c);
    }

    static final class Calculator {
        final long offset;

        Calculator(long offset) {
            this.offset = offset;
        }

        @Async
        long add(long a, int b, double c) {
            return offset + a + b + (long) c + pauseLong(a);
        }
    }

    @Async
    public static Object shapeWideValuesBelowAndAmongTheArguments() {
        long big = 1L << 33;
        double half = 0.5;
        // big and half stay on the stack below a call whose own arguments are wide too
        double r = big + half * weigh(big, half, pause(3));
        long[] cells = {7L, 8L};
        cells[pause(1)] += pauseLong(big);
        Calculator calc = new Calculator(pauseLong(100L));
        long viaReceiver = big - calc.add(big, pause(2), pauseDouble(4.5));
        return List.of(r, Arrays.toString(cells), viaReceiver, big - pauseLong(1L) * (long) pauseDouble(2.0));
    }
}
