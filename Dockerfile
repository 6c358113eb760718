# One image for every role; HUB_ROLES picks api, worker or both.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# `npm ci` builds the monitor's native core (its prepare script), so its sources come first.
COPY libs/monitor/native ./libs/monitor/native
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
COPY --from=build /app/apps/api/console ./apps/api/console
COPY --from=build /app/libs/monitor/lexicon ./libs/monitor/lexicon
COPY --from=build /app/libs/monitor/native/build/Release/monitor_core.node ./libs/monitor/native/build/Release/monitor_core.node
EXPOSE 3000
CMD ["node", "dist/apps/hub/src/main.js"]
